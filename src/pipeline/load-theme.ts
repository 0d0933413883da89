import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/** A static file of the theme, with the site-relative path it is published at. */
export interface ThemeFile {
  /** Site-relative path, e.g. `assets/style.css`. */
  readonly path: string;
  readonly bytes: Uint8Array;
}

/** Read the theme's static files (the `templates/assets/` folder) to publish them under `assets/`. */
export async function loadTheme(assetsDir: string): Promise<ThemeFile[]> {
  const names = (await readdir(assetsDir, { withFileTypes: true })).filter((entry) => entry.isFile()).map((entry) => entry.name).sort();
  return Promise.all(names.map(async (name) => ({ path: `assets/${name}`, bytes: await readFile(path.join(assetsDir, name)) })));
}
