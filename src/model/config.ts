/** The site's settings as the pipeline sees them, after `site.yaml` and flags are merged with defaults. */
export interface SiteConfig {
  /** The site's name, shown in every page's header and in feeds. */
  readonly title: string;
  /** One sentence about the site, for the home page and feeds. */
  readonly description: string;
  /** Absolute URL the site is served from, always ending in `/` (e.g. `https://example.com/news/`). */
  readonly baseUrl: string;
  /** The path part of `baseUrl`, always starting and ending in `/` (e.g. `/news/`). */
  readonly basePath: string;
  /** BCP 47 language tag of the site (e.g. `en`). */
  readonly language: string;
  /** IANA time zone applied to story dates written without a UTC offset, when set. */
  readonly timezone?: string;
  /** Permalink pattern for story pages, with `:year`, `:month`, `:day`, `:id` and `:section`. */
  readonly permalink: string;
  /** Stories per page on home, section, topic and tag pages. */
  readonly pageSize: number;
  /** Stories per feed. */
  readonly feedSize: number;
  /** Keep the raw HTML of story bodies, through a sanitizer, instead of dropping it. */
  readonly allowHtml: boolean;
  /** Hosts whose `https:` iframes a story's raw HTML may embed (with `allowHtml`), e.g. `www.youtube-nocookie.com`. */
  readonly embedHosts: readonly string[];
  /** How many related stories to compute for a story that names none (0: none). */
  readonly relatedCount: number;
  /** Build a static full-text search index of the stories (Pagefind) and a search page. */
  readonly search: boolean;
  /** How the output folder is written (see `OutputSettings`). */
  readonly output: OutputSettings;
}

/** How the output folder is written: trusted site-owner settings under `output:` in `site.yaml`. */
export interface OutputSettings {
  /**
   * `false` (default): the output is a plain folder, updated in place. `true`: it is a symbolic link
   * swapped between two complete trees beside it, for a server that serves the folder as it is built.
   */
  readonly swap: boolean;
}

/** Where a site's inputs are: the options `build` and `dev` share; paths are relative to `cwd`. */
export interface SiteInputs {
  readonly stories?: string | undefined;
  readonly config?: string | undefined;
  readonly baseUrl?: string | undefined;
  readonly cwd?: string | undefined;
}
