import path from 'node:path';

const contentTypes: ReadonlyMap<string, string> = new Map([
  ['.html', 'text/html; charset=utf-8'],
  ['.htm', 'text/html; charset=utf-8'],
  ['.css', 'text/css; charset=utf-8'],
  ['.js', 'text/javascript; charset=utf-8'],
  ['.mjs', 'text/javascript; charset=utf-8'],
  ['.xml', 'application/xml; charset=utf-8'],
  ['.json', 'application/json; charset=utf-8'],
  ['.txt', 'text/plain; charset=utf-8'],
  ['.svg', 'image/svg+xml'],
  ['.png', 'image/png'],
  ['.jpg', 'image/jpeg'],
  ['.jpeg', 'image/jpeg'],
  ['.gif', 'image/gif'],
  ['.webp', 'image/webp'],
  ['.avif', 'image/avif'],
  ['.ico', 'image/x-icon'],
  ['.woff2', 'font/woff2'],
]);

/** The fallback for a file whose extension is not in the map: bytes the browser must not sniff. */
export const defaultContentType = 'application/octet-stream';

/** The `Content-Type` for a file name by its extension (case-insensitive), `application/octet-stream` when unknown. */
export function contentTypeOf(fileName: string): string {
  return contentTypes.get(path.extname(fileName).toLowerCase()) ?? defaultContentType;
}

/** Whether a `Content-Type` header value is HTML, whatever its parameters (`text/html; charset=utf-8`). */
export function isHtmlContentType(contentType: string): boolean {
  return (contentType.split(';')[0] ?? '').trim().toLowerCase() === 'text/html';
}
