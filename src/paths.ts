import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The wiredesk package's root folder (the one holding its package.json), from source or from `lib/`. */
export const packageRoot: string = (() => {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json')) || !existsSync(path.join(dir, 'templates'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('Cannot find the wiredesk package root (a folder with package.json and templates/)');
    dir = parent;
  }
  return dir;
})();

/** The folder of the theme's static files (stylesheet…), copied to `assets/` in the output. */
export const themeAssetsDir: string = path.join(packageRoot, 'templates', 'assets');
