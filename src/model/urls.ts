import type { SiteConfig } from './config.js';

/** A root-relative href for a site-relative path, honouring the base path (`/news/` + `topics/x/`). */
export function hrefTo(config: SiteConfig, sitePath: string): string {
  return `${config.basePath}${sitePath.replace(/^\/+/, '')}`;
}

/** An absolute URL for a site-relative path, from `baseUrl` (for feeds and canonical links). */
export function absoluteUrl(config: SiteConfig, sitePath: string): string {
  return `${config.baseUrl}${sitePath.replace(/^\/+/, '')}`;
}

/** The file (relative to the output folder, decoded) that serves a site-relative URL path. */
export function filePathOf(sitePath: string): string {
  // Most paths have nothing to decode: a build asks for every page's file a few times.
  const decoded = !sitePath.includes('%')
    ? sitePath
    : sitePath
        .split('/')
        .map((segment) => decodeURIComponent(segment))
        .join('/');
  return decoded === '' || decoded.endsWith('/') ? `${decoded}index.html` : decoded;
}
