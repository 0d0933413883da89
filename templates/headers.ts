/** One rule of a `_headers` file: a URL path (or pattern) and the headers served for it. */
export interface HeaderRule {
  /** An absolute URL path, with `:name` for one path segment and a trailing `*` for the rest, e.g. `/news/tags/:slug/page/*`. */
  readonly path: string;
  /** A comment line above the rule, saying what it is for (once above rules in a row that share it). */
  readonly comment: string;
  readonly headers: readonly (readonly [name: string, value: string])[];
}

/**
 * A `_headers` file in the syntax Netlify and Cloudflare Pages share: each rule's path on a line of
 * its own, its headers indented below it, a `#` comment above it. Plain text, not markup: the paths
 * are wiredesk's own patterns under `basePath`, which the settings have parsed as a URL path (so
 * it holds no space or line break).
 */
export function renderHeaders(rules: readonly HeaderRule[]): string {
  const blocks = rules.map((rule, index) => {
    const comment = rule.comment === rules[index - 1]?.comment ? '' : `\n# ${rule.comment}\n`;
    return [comment, `${rule.path}\n`, ...rule.headers.map(([name, value]) => `  ${name}: ${value}\n`)].join('');
  });
  return `# HTTP headers for Netlify and Cloudflare Pages, written by wiredesk (\`headers: true\` in site.yaml).\n${blocks.join('')}`;
}
