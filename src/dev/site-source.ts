/** One problem as the dev server shows it in the terminal and in the page overlay. */
export interface DevProblem {
  /** `stories/x.md:7:3  error  Unexpected …  invalid-date`, as the build prints it. */
  readonly text: string;
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  readonly severity: 'error' | 'warning';
  readonly ruleId: string;
}

/** What the server answers for a URL path: page bytes rendered from the site, or a file on disk. */
export type Served =
  { readonly kind: 'bytes'; readonly body: string | Uint8Array; readonly contentType: string } | { readonly kind: 'file'; readonly absolutePath: string; readonly contentType: string };

/** The site the dev server serves: look up a URL path (relative to the base path, decoded, no leading slash). */
export interface SiteSource {
  /** The base path the site lives under, e.g. `/` or `/news/`. */
  readonly basePath: () => string;
  /** The response for a site-relative path such as `2018/05/25/a/` or `feed.xml`, or undefined when there is none. */
  readonly lookup: (sitePath: string) => Promise<Served | undefined>;
}

/** What the server tells open pages after a rebuild. */
export type LiveEvent = { readonly type: 'reload'; readonly paths: readonly string[] | 'all' } | { readonly type: 'problems'; readonly problems: readonly DevProblem[] } | { readonly type: 'ok' };
