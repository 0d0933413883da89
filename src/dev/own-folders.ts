import { closeSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { VFileMessage } from 'vfile-message';
import { openInsideSync, pinFolderIfPresent } from '../io/open-inside.js';
import { loadOwnFiles, pagesFolder, staticFolder, type OwnFiles } from '../io/own-files.js';
import type { SiteConfig } from '../model/config.js';
import { stampText } from '../io/file-stamp.js';
import type { ThemeFile } from '../io/load-theme.js';
import { prepareSiteCard } from '../media/site-card.js';
import { modelPages } from '../pipeline/page-model.js';
import type { SiteFiles } from '../pipeline/site-files.js';
import { contentTypeOf } from './content-type.js';
import type { Served } from './site-source.js';

/** The site's own folders (`pages/`, `static/`) as the dev engine keeps them: read whole at start, and again when a file in them changes. */
export interface DevOwnFolders {
  /** Whether a changed file lies in one of the folders. */
  contains(file: string): boolean;
  /** What the site is assembled from besides its stories: the theme, the pages, the static files, the stylesheet. */
  siteFiles(): SiteFiles;
  /** The messages of the pages and static files. */
  messages(): readonly VFileMessage[];
  /** Read both folders again: whether any file changed, and the site paths of the static files added, changed or removed. */
  reread(): Promise<{ readonly changed: boolean; readonly statics: readonly string[] }>;
  /** The static file at `sitePath`, read now without following a link; undefined when there is none. */
  lookup(sitePath: string): Served | undefined;
}

/** Where the dev engine keeps the site card (see `prepareSiteCard`): the cache folder when it is usable, and the code's digest. */
export interface DevSiteCard {
  readonly cacheDir: string | undefined;
  readonly code: string;
}

/**
 * Read the site's own folders below `cwd`, modelling the pages with `config` (none without one),
 * and draw the site card when the site needs one (again when a file of them changes: the logo may have).
 */
export async function openOwnFolders(cwd: string, config: SiteConfig | undefined, theme: readonly ThemeFile[], card: DevSiteCard): Promise<DevOwnFolders> {
  const folders = [path.resolve(cwd, pagesFolder), path.resolve(cwd, staticFolder)];
  const staticRoot = pinFolderIfPresent(path.resolve(cwd, staticFolder));
  const read = async () => {
    const files = await loadOwnFiles(cwd);
    const pages = config ? modelPages(files.pages, config) : { pages: [], messages: [] };
    const logoFile = config?.logo === undefined ? undefined : files.statics.find((file) => file.source === config.logo?.src)?.absolutePath;
    const drawn = config ? await prepareSiteCard({ config, logoFile, ...card }) : undefined;
    const site: SiteFiles = { theme: drawn?.file ? [...theme, drawn.file] : theme, pages: pages.pages, statics: files.statics, stylesheetHash: files.stylesheetHash };
    return { files, site, messages: [...files.messages, ...pages.messages] };
  };
  let current = await read();
  return {
    contains: (file) => folders.some((folder) => file === folder || file.startsWith(folder + path.sep)),
    siteFiles: () => current.site,
    messages: () => current.messages,
    async reread() {
      const before = current.files;
      current = await read();
      return { changed: current.files.stamp !== before.stamp, statics: changedStatics(before, current.files) };
    },
    lookup(sitePath) {
      const file = current.files.statics.find((candidate) => candidate.source === sitePath);
      if (!file) return undefined;
      let fd: number | undefined;
      try {
        fd = openInsideSync(staticRoot, file.source);
        return { kind: 'bytes', body: readFileSync(fd), contentType: contentTypeOf(file.source) };
      } catch {
        return undefined;
      } finally {
        if (fd !== undefined) closeSync(fd);
      }
    },
  };
}

/** The site paths of the static files added, changed or removed between two reads. */
function changedStatics(before: OwnFiles, after: OwnFiles): string[] {
  const stamps = (files: OwnFiles) => new Map(files.statics.map((file) => [file.source, stampText(file)]));
  const was = stamps(before);
  const now = stamps(after);
  return [...new Set([...was.keys(), ...now.keys()])].filter((source) => was.get(source) !== now.get(source));
}
