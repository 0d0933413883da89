/** Where a request's target points, once checked and decoded against the site's base path. */
export type RequestTarget =
  /** Inside the base path: `sitePath` is decoded, without a leading slash, `''` for home. */
  | { readonly kind: 'site'; readonly sitePath: string; readonly rawPath: string; readonly query: string }
  /** `/` or the base path without its slash (`/news` for `/news/`): send the browser to the base path. */
  | { readonly kind: 'to-base' }
  /** A well-formed path that lies outside the base path. */
  | { readonly kind: 'outside' }
  /** A target no file can ever answer: traversal, NUL, bad encoding, not origin-form… */
  | { readonly kind: 'bad'; readonly reason: string };

const controlCharacter = /[\u0000-\u001f\u007f]/;

/** Decode a base path such as `/news/` into its segments (`['news']`), tolerating bad encoding by keeping it literal. */
export function basePathSegments(basePath: string): readonly string[] {
  return basePath
    .split('/')
    .filter((segment) => segment !== '')
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    });
}

/**
 * Check and decode a raw request target (`req.url`) against the base path's segments, refusing any spelling of
 * `..`, `.`, encoded slashes or backslashes, control characters (NUL included), empty segments and malformed
 * percent-encoding; only origin-form targets (`/path?query`) are accepted.
 */
export function parseRequestTarget(target: string, base: readonly string[]): RequestTarget {
  if (!target.startsWith('/')) return bad('the request target is not a path');
  const queryStart = target.indexOf('?');
  const rawPath = queryStart === -1 ? target : target.slice(0, queryStart);
  const query = queryStart === -1 ? '' : target.slice(queryStart);
  if (rawPath.includes('\\')) return bad('the path contains a backslash');
  if (rawPath.includes('#')) return bad('the path contains a fragment');

  const rawSegments = rawPath.slice(1).split('/');
  const segments: string[] = [];
  for (const [index, rawSegment] of rawSegments.entries()) {
    let segment: string;
    try {
      segment = decodeURIComponent(rawSegment);
    } catch {
      return bad('the path has malformed percent-encoding');
    }
    const last = index === rawSegments.length - 1;
    if (segment === '' && !last) return bad('the path has an empty segment');
    if (segment === '.' || segment === '..') return bad('the path has a dot segment');
    if (segment.includes('/') || segment.includes('\\')) return bad('the path has an encoded separator');
    if (controlCharacter.test(segment)) return bad('the path has a control character');
    if (segment !== '') segments.push(segment);
  }
  const trailingSlash = rawPath.endsWith('/');

  const insideBase = base.every((segment, index) => segments[index] === segment);
  if (!insideBase) return segments.length === 0 ? { kind: 'to-base' } : { kind: 'outside' };
  const rest = segments.slice(base.length);
  if (rest.length === 0) return trailingSlash || base.length === 0 ? site('', rawPath, query) : { kind: 'to-base' };
  return site(rest.join('/') + (trailingSlash ? '/' : ''), rawPath, query);
}

function bad(reason: string): RequestTarget {
  return { kind: 'bad', reason };
}

function site(sitePath: string, rawPath: string, query: string): RequestTarget {
  return { kind: 'site', sitePath, rawPath, query };
}
