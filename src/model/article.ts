import type { BodyHtml } from './body-html.js';

/** A 1-based line and column in a source file. */
export interface Point {
  readonly line: number;
  readonly column: number;
}

/** An instant as written by the author: the UTC instant plus the offset it was written in. */
export interface DateTime {
  /** Milliseconds since the epoch (UTC). */
  readonly epochMs: number;
  /** The UTC offset the date was written (or resolved) in, in minutes east of UTC. */
  readonly offsetMinutes: number;
  /** ISO 8601 with offset, seconds precision, e.g. `2018-05-25T14:03:00+03:00`. */
  readonly iso: string;
  /** True when the author wrote only a day (`2018-05-25`): pages then show the day without a time. */
  readonly dateOnly: boolean;
}

/** The kinds of taxonomy a story can be filed under. */
export type TermKind = 'section' | 'topic' | 'tag';

/** A taxonomy term as the author wrote it, with the slug that names it in URLs. */
export interface Term {
  readonly name: string;
  readonly slug: string;
}

/** Where and by whom a story was filed, e.g. `ST PETERSBURG (Sputnik) –`. */
export interface Dateline {
  readonly place: string;
  readonly agency?: string;
}

/** The lead image: a picture when `src` is set, and always its caption and credit. */
export interface LeadImage {
  /** Site-relative path (`media/…`) of a picture copied from `stories/`, or an absolute http(s) URL. */
  readonly src?: string;
  /** For a copied picture: its path relative to `stories/`. */
  readonly source?: string;
  readonly alt?: string;
  readonly caption?: string;
  readonly credit?: string;
  /** For a copied JPEG, PNG or WebP picture: its intrinsic size and the resized copies the build publishes. */
  readonly sizes?: PictureSizes;
}

/** A picture file the build publishes: where (`media/…`), its pixel size and its media type. */
export interface PictureFile {
  readonly src: string;
  readonly width: number;
  readonly height: number;
  readonly type: PictureType;
}

/** The media types of the pictures the build resizes. */
export type PictureType = 'image/jpeg' | 'image/png' | 'image/webp';

/**
 * The sizes of a copied lead image, made once per image content: its intrinsic size (upright),
 * the resized copies (`resized`, each type by width, smallest first, never wider than the original)
 * and a thumbnail for teaser cards (twice the card's picture size, cropped to fill it).
 */
export interface PictureSizes {
  /** The digest of the image file's bytes and of the resizing settings: equal keys, equal copies. */
  readonly key: string;
  readonly width: number;
  readonly height: number;
  readonly type: PictureType;
  readonly resized: readonly PictureFile[];
  readonly thumb: PictureFile;
}

/** A link in a story's body to another story file, found while parsing. */
export interface StoryReference {
  /** Index of this reference in the story; the body's `<a data-story-ref>` carries it. */
  readonly index: number;
  /** Target path relative to `stories/` (POSIX), as resolved from the link. */
  readonly target: string;
  /** `read-more` when the reference is a READ MORE callout, else `link`. */
  readonly kind: 'link' | 'read-more';
  /** Where the link starts in the story file. */
  readonly place: Point;
}

/** A related story named in front matter, by id, with where it was written. */
export interface RelatedReference {
  readonly id: string;
  readonly place: Point;
}

/** Where some front-matter values were written, for messages raised after the model stage. */
export interface ArticlePlaces {
  /** The `id` value, or the start of the front matter when the id comes from the file name. */
  readonly id: Point;
  readonly section?: Point;
  readonly topics: readonly Point[];
  readonly tags: readonly Point[];
}

/** A story's publishing status (IPTC `pubStatus`): `withheld` keeps it off the site, `canceled` kills it. */
export type StoryStatus = 'usable' | 'withheld' | 'canceled';

/** A correction appended to a story, shown at its foot with its time. */
export interface Correction {
  readonly date: DateTime;
  readonly text: string;
}

/** What a killed story's notice shows of it: the headline only when the desk asks (kills are often for legal reasons, and then the headline is the problem). */
export interface KillNotice {
  readonly showHeadline: boolean;
}

/** One story, validated and coerced: the single source of truth for pages, feeds and indexes. */
export interface Article {
  /** Stable id, unique in the site: `a-z0-9-`. */
  readonly id: string;
  /** Path of the story file relative to `stories/` (POSIX). */
  readonly source: string;
  /** Path of the story file as shown in messages (relative to the working directory). */
  readonly displayPath: string;
  /** SHA-256 of the story file's bytes. */
  readonly digest: string;
  readonly title: string;
  readonly date: DateTime;
  readonly updated?: DateTime;
  readonly section?: Term;
  readonly topics: readonly Term[];
  readonly tags: readonly Term[];
  readonly dateline?: Dateline;
  readonly byline?: string;
  /** Plain-text summary: the author's, else the first paragraph. */
  readonly summary: string;
  /** Set when the author wrote `summary`: cards show it whole, and shorten the first paragraph that stands in for one. */
  readonly authorSummary?: true;
  readonly image?: LeadImage;
  /** Related stories named by the author, in their order; absent when the author wrote no `related` (then they are computed). */
  readonly related?: readonly RelatedReference[];
  /** A closing note, e.g. "Sputnik is the official media partner of the forum." */
  readonly note?: string;
  /** The body as HTML, serialized once, cut where story links are linked at render time. */
  readonly body: BodyHtml;
  /** Links to other stories found in the body. */
  readonly references: readonly StoryReference[];
  readonly wordCount: number;
  /** Estimated minutes to read, at least 1. */
  readonly readingMinutes: number;
  /** Where values were written in the story file. */
  readonly places: ArticlePlaces;
  /** The instant before which the story must not appear anywhere. */
  readonly embargo?: DateTime;
  /** `usable` unless the author set `status`. */
  readonly status: StoryStatus;
  /** How the notice of a killed story reads (`killNotice` in front matter); absent: the headline is not shown. */
  readonly killNotice?: KillNotice;
  /** IPTC urgency, 1 (flash) to 9; pages label 1 and 2 as urgent. */
  readonly urgency?: number;
  /** Set by `top: true`: the editor's pick to lead the lists the story is on (see `frontPageLayout`). */
  readonly top?: true;
  /** The desk's short name for the story, e.g. `RUSSIA-JAPAN/PUTIN`. */
  readonly slugline?: string;
  /** Corrections, in the order written. */
  readonly corrections: readonly Correction[];
  /** The story's BCP 47 language when it differs from the site's (canonical form). */
  readonly lang?: string;
  /** The wire item the story was imported from (`wiredesk import`): its URI and version, to update it. */
  readonly wire?: { readonly uri: string; readonly version?: number };
  /** Site-relative URL path of the story page, e.g. `2018/05/25/putin-japan/` (no leading slash). */
  readonly path: string;
}
