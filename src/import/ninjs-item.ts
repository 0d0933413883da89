import { canonicalLanguage } from '../model/front-matter.js';
import type { DateTime } from '../model/article.js';
import { slugify } from '../text/slug.js';
import type { ExistingStories, ImportedStory } from './imported-story.js';
import { htmlToMarkdown, textToMarkdown } from './ninjs-body.js';
import { bylineOf } from './ninjs-byline.js';
import { type Field, type ReadContext, dateTimeOf, dropped, integerOf, invalid, isMap, listOf, member, missing, oneLine, textOf } from './ninjs-fields.js';
import { placeOf } from './ninjs-id.js';
import { takenMember } from './ninjs-left-out.js';
import { leadImageOf } from './ninjs-picture.js';
import { type BodySource, bodyOf, descriptionOf, headlineOf } from './ninjs-texts.js';

/** The ninjs item types that make a story; pictures, video, events and planning items do not. */
const storyTypes = new Set(['text', 'composite']);
const statuses: Readonly<Record<string, 'usable' | 'withheld' | 'canceled'>> = { usable: 'usable', withheld: 'withheld', canceled: 'canceled', cancelled: 'canceled' };

/** The uri and version of an item, read before the rest to spot repeated items in one input. */
export interface ItemIdentity {
  readonly uri: string;
  readonly version?: number;
}

/** The uri and version of an item, or undefined (reported) when it has no usable uri or version. */
export function identityOf(context: ReadContext, item: Field): ItemIdentity | undefined {
  const uriField = member(item, 'uri');
  const uri = oneLine(textOf(context, uriField, 'text, the item\'s identifier such as "urn:newsml:example.com:20240305:abc123"'));
  if (uri === undefined) {
    if (!uriField || uriField.node.type === 'string') missing(context, item, 'has no `uri`, expected the item\'s identifier such as "urn:newsml:example.com:20240305:abc123"');
    return undefined;
  }
  const versionField = member(item, 'version');
  const version = integerOf(context, versionField, 0, Number.MAX_SAFE_INTEGER, 'a whole number such as "3" (the item\'s version)', true);
  if (versionField && version === undefined) return undefined;
  return { uri, ...(version !== undefined ? { version } : {}) };
}

/** True when the item is a story (type `text`, `composite` or none); reports others as skipped. */
export function isStoryItem(context: ReadContext, item: Field): boolean {
  const typeField = member(item, 'type');
  const type = textOf(context, typeField);
  if (type === undefined || storyTypes.has(type.toLowerCase())) return true;
  if (typeField) dropped(context, typeField, `is "${type}", not a story (\`text\` or \`composite\`); the item is skipped`);
  return false;
}

/**
 * One ninjs item (1.x, 2.x or 3.x) as a story, or undefined when it has an error (reported; an
 * item without `identity` is read only to report its other problems too). `taken` holds the ids
 * given to earlier items of the same input.
 */
export function storyOf(context: ReadContext, item: Field, identity: ItemIdentity | undefined, existing: ExistingStories, taken: ReadonlySet<string>): ImportedStory | undefined {
  const errorsBefore = errorCount(context);
  const title = headlineOf(context, item);
  const dates = datesOf(context, item);
  const embargo = dateTimeOf(context, takenMember(context, item, ['embargoed', 'embargoedUntil'], 'one embargo'));
  const status = statusOf(context, member(item, 'pubStatus'));
  const urgency = integerOf(context, member(item, 'urgency'), 1, 9, 'a whole number from 1 (most urgent) to 9');
  const located = oneLine(textOf(context, member(item, 'located')));
  const agency = oneLine(textOf(context, member(item, 'copyrightHolder')));
  const byline = bylineOf(context, item);
  const slugline = oneLine(textOf(context, member(item, 'slugline')));
  const lang = languageOf(context, member(item, 'language'));
  const topics = namesOf(context, takenMember(context, item, ['subjects', 'subject'], 'one list of topics'), 'topic');
  const tags = namesOf(context, member(item, 'keywords'), 'tag');
  const summary = descriptionOf(context, item, ['summary', 'abstract'], false, 'summary');
  const image = leadImageOf(context, item);
  const body = bodyOf(context, item);
  if (!identity || title === undefined || dates === undefined || errorCount(context) > errorsBefore) return undefined;

  const { id, folder } = placeOf(identity.uri, dates.date, existing, taken);
  const frontMatter: Record<string, unknown> = { title, date: dates.date.iso };
  if (dates.updated) frontMatter['updated'] = dates.updated.iso;
  if (topics.length > 0) frontMatter['topics'] = topics;
  if (tags.length > 0) frontMatter['tags'] = tags;
  if (located !== undefined) frontMatter['dateline'] = { place: located, ...(agency !== undefined ? { agency } : {}) };
  if (byline !== undefined) frontMatter['byline'] = byline;
  if (summary !== undefined) frontMatter['summary'] = summary;
  if (image) frontMatter['image'] = image;
  if (embargo) frontMatter['embargo'] = embargo.iso;
  if (status !== 'usable') frontMatter['status'] = status;
  if (urgency !== undefined) frontMatter['urgency'] = urgency;
  if (slugline !== undefined) frontMatter['slugline'] = slugline;
  if (lang !== undefined) frontMatter['lang'] = lang;
  const wire = { uri: identity.uri, ...(identity.version !== undefined ? { version: identity.version } : {}) };
  frontMatter['wire'] = wire;
  const markdown = body === undefined ? '' : body.kind === 'html' ? htmlBodyOf(context, body, title) : textToMarkdown(body.value);
  return { id, folder, frontMatter, body: markdown, wire };
}

/** An HTML body as Markdown; the embeds and pictures it loses are reported, once per kind. */
function htmlBodyOf(context: ReadContext, body: BodySource, title: string): string {
  const lost = new Map<string, number>();
  const markdown = htmlToMarkdown(body.value, title, (what) => lost.set(what, (lost.get(what) ?? 0) + 1));
  if (lost.size > 0) {
    const parts = [...lost].map(([what, count]) => (count > 1 ? `${what} (${count} times)` : what)).join(', ');
    dropped(context, body.field, `has parts that are left out: ${parts}; a story body keeps text, links and http(s) pictures (copy what matters by hand)`);
  }
  return markdown;
}

/** How many errors the input has so far. */
function errorCount(context: ReadContext): number {
  return context.problems.filter((problem) => problem.fatal === true).length;
}

/**
 * The story's `date` (`firstcreated`, else `versioncreated`) and `updated` (`versioncreated` when
 * later than `date`); reports an item with neither.
 */
function datesOf(context: ReadContext, item: Field): { date: DateTime; updated?: DateTime } | undefined {
  const firstField = member(item, 'firstCreated');
  const versionField = member(item, 'versionCreated');
  const first = dateTimeOf(context, firstField);
  const version = dateTimeOf(context, versionField);
  const date = first ?? version;
  if (!date) {
    if (!firstField && !versionField) missing(context, item, 'has no date, expected `firstcreated` or `versioncreated` (`firstCreated`, `versionCreated` in ninjs 3) as an ISO 8601 date-time');
    return undefined;
  }
  if (firstField && !first) return undefined;
  return version && version.epochMs > date.epochMs ? { date, updated: version } : { date };
}

/** The publishing status (`usable` when absent); `cancelled` is read as `canceled`. */
function statusOf(context: ReadContext, field: Field | undefined): 'usable' | 'withheld' | 'canceled' | undefined {
  const expected = 'one of "usable", "withheld" or "canceled"';
  const text = textOf(context, field, expected);
  if (text === undefined) return 'usable';
  return statuses[text.toLowerCase()] ?? (field && invalid(context, field, expected));
}

/** The item's language as a canonical BCP 47 tag; reports one that is not a tag. */
function languageOf(context: ReadContext, field: Field | undefined): string | undefined {
  const expected = 'a BCP 47 language tag such as "en", "sv" or "pt-BR"';
  const tag = textOf(context, field, expected);
  if (tag === undefined || !field) return undefined;
  return canonicalLanguage(tag) ?? invalid(context, field, expected);
}

/**
 * Topic or tag names: from `subjects` (maps with a `name`; those without one, or whose name has no
 * letter or digit, are dropped with a warning) or `keywords` (text), without repeats (by slug).
 */
function namesOf(context: ReadContext, field: Field | undefined, kind: 'topic' | 'tag'): string[] {
  if (!field) return [];
  const entries = listOf(context, field, kind === 'topic' ? 'a list of subjects, maps with a `name`' : 'a list of keywords (text)') ?? [];
  const names = new Map<string, string>();
  for (const entry of entries) {
    let name: string | undefined;
    if (kind === 'tag') {
      name = oneLine(textOf(context, entry));
    } else if (isMap(context, entry, 'a subject, a map with a `name`')) {
      const problemsBefore = context.problems.length;
      name = oneLine(textOf(context, member(entry, 'name')));
      if (name === undefined && context.problems.length === problemsBefore) dropped(context, entry, 'has no `name` to show as a topic; it is left out');
    }
    if (name === undefined) continue;
    const slug = slugify(name);
    if (slug === '') dropped(context, entry, `has no letter or digit to make a ${kind} URL from; it is left out`);
    else if (!names.has(slug)) names.set(slug, name);
  }
  return [...names.values()];
}
