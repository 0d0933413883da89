import type { Labels } from '../labels/keys.js';

/** A place in `site.yaml`, kept with a setting whose problems can only be found later (a menu section no story is filed under). */
export interface SettingPlace {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** The site's logo: a file under `static/`, linked as `/<src>` under the base path. */
export interface SiteLogo {
  /** Path of the picture relative to `static/` (e.g. `logo.svg`). */
  readonly src: string;
  /** The logo's text alternative; the site's title when omitted. */
  readonly alt?: string;
}

/** A link the site owner names: an http(s) URL, or a site path (`/about/`) that is put under the base path. */
export interface NamedLink {
  readonly title: string;
  readonly url: string;
}

/** One entry of the menu: a link, or a section (by name or slug) whose page it links, titled with its name unless `title` says otherwise. */
export type MenuEntry = ({ readonly kind: 'link' } & NamedLink) | { readonly kind: 'section'; readonly section: string; readonly title?: string; readonly place: SettingPlace };

/** The footer's own lines: a copyright notice and links (the site's name and feeds are always there). */
export interface SiteFooter {
  readonly copyright?: string;
  readonly links: readonly NamedLink[];
}

/** How pages write times: the clock, how the zone is shown, and on which clock. */
export interface DateFormat {
  /** `24`: `14:03`; `12`: `2:03 PM` in the page's language. */
  readonly clock: 12 | 24;
  /**
   * `offset`: `UTC+3`; `abbreviation`: the tz database's abbreviation of `timezone` (`MSK`,
   * `EDT`, `CEST`) when the time is in that zone and the zone has one, else the offset; `none`.
   */
  readonly zone: 'offset' | 'abbreviation' | 'none';
  /**
   * `site`: every time moved into the site's `timezone` (when it has one), so that one page reads
   * on one clock; `story`: each time at the offset its author wrote.
   */
  readonly timesIn: 'site' | 'story';
}

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
  /**
   * Set the quotation marks, apostrophes, dashes and ellipses of story text in the typography of
   * each story's language (`false`: for copy that arrives typeset, left as written).
   */
  readonly typography: boolean;
  /** Hosts whose `https:` iframes a story's raw HTML may embed (with `allowHtml`), e.g. `www.youtube-nocookie.com`. */
  readonly embedHosts: readonly string[];
  /** How many related stories to compute for a story that names none (0: none). */
  readonly relatedCount: number;
  /** Build a static full-text search index of the stories (Pagefind) and a search page. */
  readonly search: boolean;
  /** Write a `_headers` file (Netlify and Cloudflare Pages syntax) with cache rules for the host. */
  readonly headers: boolean;
  /**
   * A shell command run in the site's folder after each build that changed the output (trusted:
   * the site owner's), told the output folder and the build's manifest; none when absent.
   */
  readonly deploy?: string;
  /** The logo shown in the header in place of the title's text. */
  readonly logo?: SiteLogo;
  /** The header's menu in the desk's order; when absent, every section, then Topics, Tags and Search. */
  readonly menu?: readonly MenuEntry[];
  /** The footer's copyright line and links. */
  readonly footer?: SiteFooter;
  /** The picture link previews and JSON-LD use for stories without one: an http(s) URL or a path under `static/`. */
  readonly image?: string;
  /** Raw HTML snippets added to every page's head (analytics, verification tags). Trusted: written by the site owner only. */
  readonly head: readonly string[];
  /** Interface texts overriding the built-in set of the site's language, by key. */
  readonly labels: Partial<Labels>;
  readonly dateFormat: DateFormat;
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
