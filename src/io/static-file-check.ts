import { stat } from 'node:fs/promises';
import path from 'node:path';

/** The folder of a site's own static files (logo, share picture, stylesheet), relative to the site's folder. */
export const staticFolder = 'static';

/** True when `relative` (a checked path without `..`) names a regular file in the site's `static/` folder. */
export async function isStaticFile(siteFolder: string, relative: string): Promise<boolean> {
  try {
    return (await stat(path.join(siteFolder, staticFolder, ...relative.split('/')))).isFile();
  } catch {
    return false;
  }
}
