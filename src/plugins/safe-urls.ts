import type { Element } from 'hast';

const urlProperties = ['href', 'src', 'action', 'formAction', 'poster', 'cite'] as const;
const unsafeScheme = /^\s*(?:javascript|vbscript|data):/i;

/** True when a URL would run code or smuggle a document (`javascript:`, `vbscript:`, `data:`). */
function isUnsafeUrl(url: string): boolean {
  // Browsers ignore control characters and whitespace inside the scheme, so do we.
  return unsafeScheme.test(url.replace(/[\u0000-\u001f\u007f\s]+/g, ''));
}

/** Remove every URL property of an element that `isUnsafeUrl` rejects (in place; its children are left to the caller's walk). */
export function removeUnsafeUrls(element: Element): void {
  for (const name of urlProperties) {
    const value = element.properties[name];
    if (typeof value === 'string' && isUnsafeUrl(value)) delete element.properties[name];
  }
}
