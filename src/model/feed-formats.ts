/** A format every feed is written in: one file of the feed's folder. */
export interface FeedFormat {
  /** What readers call it, e.g. `JSON Feed`. */
  readonly name: string;
  /** The file's name in the feed's folder. */
  readonly file: string;
  /** Its media type, for `<link rel="alternate" type>` and the dev server's `Content-Type`. */
  readonly mediaType: string;
}

/** The formats of every feed, RSS first: each feed's folder holds `feed.xml`, `atom.xml` and `feed.json`. */
export const feedFormats = {
  rss: { name: 'RSS', file: 'feed.xml', mediaType: 'application/rss+xml' },
  atom: { name: 'Atom', file: 'atom.xml', mediaType: 'application/atom+xml' },
  json: { name: 'JSON Feed', file: 'feed.json', mediaType: 'application/feed+json' },
} as const satisfies Readonly<Record<string, FeedFormat>>;

/** The key of a feed format. */
export type FeedFormatKey = keyof typeof feedFormats;

/** The feed formats in the order pages list them. */
export const feedFormatKeys: readonly FeedFormatKey[] = ['rss', 'atom', 'json'];

/** The site-relative folder of a feed from its RSS file's path: `topics/x/feed.xml` → `topics/x/`, `feed.xml` → ``. */
export function feedFolderOf(rssPath: string): string {
  return rssPath.slice(0, rssPath.lastIndexOf('/') + 1);
}

/** The site-relative path of a feed's file in one format, from the feed's folder. */
export function feedFilePath(folder: string, format: FeedFormatKey): string {
  return `${folder}${feedFormats[format].file}`;
}

/** The format of a feed file by its site-relative path, undefined when the name is none of theirs. */
export function feedFormatOfPath(sitePath: string): FeedFormat | undefined {
  const name = sitePath.slice(sitePath.lastIndexOf('/') + 1);
  return feedFormatKeys.map((key) => feedFormats[key]).find((format) => format.file === name);
}

/** Site-relative path of the page listing every feed, which every page's footer links. */
export const feedIndexPath = 'feeds/';
