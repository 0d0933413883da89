import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/** A static file of the theme, with the site-relative path it is published at. */
export interface ThemeFile {
  /** Site-relative path, e.g. `assets/style.3f9a0c2b1d.css`. */
  readonly path: string;
  /** Its name in the theme's assets folder, e.g. `style.css` (for a file the build makes, its published name). */
  readonly name: string;
  readonly bytes: Uint8Array;
  /**
   * A digest of what the file is made from, for a file the build makes rather than one of the
   * theme (the site card): its page is written again when it changes. The theme's own files
   * change only with the code, which every page's fingerprint already reads.
   */
  readonly print?: string;
}

/** The theme's stylesheet, as named in its assets folder: every page links it. */
export const stylesheetName = 'style.css';

/** The theme's script that adds "12 min ago" beside the times of story cards, as named in its assets folder: list pages link it. */
export const relativeTimeScriptName = 'relative-time.js';

/** The theme's files published under a name that carries a digest of their bytes. */
const fingerprintedNames: ReadonlySet<string> = new Set([stylesheetName, relativeTimeScriptName]);

/** How many hex digits of the SHA-256 of a fingerprinted file's bytes its published name carries. */
const fingerprintLength = 10;

/**
 * Read the theme's static files (the `templates/assets/` folder) to publish them under `assets/`.
 * The stylesheet and the relative-time script are published under a name that carries a digest
 * of their bytes (`assets/style.<hash>.css`), so that hosts may cache them for good: new bytes are
 * a new URL.
 */
export async function loadTheme(assetsDir: string): Promise<ThemeFile[]> {
  const names = (await readdir(assetsDir, { withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => entry.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const bytes = await readFile(path.join(assetsDir, name));
      return { path: `assets/${fingerprintedNames.has(name) ? fingerprinted(name, bytes) : name}`, name, bytes };
    }),
  );
}

/** The site-relative path the theme's stylesheet is published at (see `loadTheme`). */
export function stylesheetPathOf(theme: readonly ThemeFile[]): string {
  const stylesheet = theme.find((file) => file.name === stylesheetName);
  if (!stylesheet) throw new Error(`The theme has no ${stylesheetName}`);
  return stylesheet.path;
}

/** The site-relative paths of the theme's files published under a name that carries their digest (see `loadTheme`). */
export function fingerprintedPathsOf(theme: readonly ThemeFile[]): string[] {
  return theme.filter((file) => fingerprintedNames.has(file.name)).map((file) => file.path);
}

/** `name` with a digest of `bytes` before its extension: `style.css` → `style.3f9a0c2b1d.css`. */
function fingerprinted(name: string, bytes: Uint8Array): string {
  const extension = path.extname(name);
  const digest = createHash('sha256').update(bytes).digest('hex').slice(0, fingerprintLength);
  return `${name.slice(0, name.length - extension.length)}.${digest}${extension}`;
}
