import path from 'node:path';
import type { VFileMessage } from 'vfile-message';
import type { Article, LeadImage, Point } from '../model/article.js';
import type { LocalPicture } from '../model/picture.js';
import { bodyText, bodyToHtml, firstParagraph } from '../model/body.js';
import type { SiteConfig } from '../model/config.js';
import { dayWithoutZoneProblems } from '../model/day-without-zone.js';
import { fieldProblems, placeOf, placesOfItems, unknownFieldProblems, type FrontMatterSource } from '../model/field-problems.js';
import { frontMatterValues } from '../model/front-matter-values.js';
import { frontMatterSchema, idPattern, knownFields, type FrontMatter } from '../model/front-matter.js';
import { cleanFrontMatter } from '../model/invalid-characters.js';
import { pathProblems } from '../model/path-limits.js';
import { permalinkPath } from '../model/permalink.js';
import { storyLanguage } from '../model/story-language.js';
import { markStoryReferences } from '../plugins/story-references.js';
import { typesetBody, typesetText } from '../plugins/typography.js';
import { problem } from '../report/problem.js';
import { formatterTable } from '../text/formatter-table.js';
import type { ParsedStory } from './parse.js';

/** What the model stage needs besides the story: the site's settings and the files beside the stories. */
export interface ModelContext {
  readonly config: SiteConfig;
  /** Paths (relative to `stories/`) of the non-story files, for lead-image checks. */
  readonly assets: ReadonlySet<string>;
  /** What the build found of the pictures among them (see `preparePictures`): a lead image takes its sizes. */
  readonly pictures?: ReadonlyMap<string, LocalPicture> | undefined;
}

/** The model stage's result: the article (absent when a fatal problem was found) and messages. */
export interface ModelResult {
  readonly article?: Article;
  readonly messages: readonly VFileMessage[];
}

// The front matter's schema for each site zone: a function of the zone alone (see `formatterTable`).
const schemaFor = formatterTable((timezone: string | undefined) => frontMatterSchema({ timezone }));

/** Validate and coerce a parsed story into an `Article`: the one typed model every later stage reads. */
export function modelStory(story: ParsedStory, context: ModelContext): ModelResult {
  const { file } = story;
  const document = story.frontMatter;
  if (!document) return { messages: [] };
  const source: FrontMatterSource = { document, yamlOffset: story.yamlOffset, pointAt: story.pointAt, displayPath: file.displayPath };
  const messages: VFileMessage[] = [...unknownFieldProblems(source, knownFields), ...dayWithoutZoneProblems(source, context.config.timezone)];
  const values = frontMatterValues(source);
  if ('message' in values) return { messages: [...messages, values.message] };
  const frontMatter = cleanFrontMatter(source, file.text, values.data ?? {});
  messages.push(...frontMatter.messages);
  const parsed = schemaFor(context.config.timezone).safeParse(frontMatter.value, { reportInput: true });
  if (!parsed.success) return { messages: [...messages, ...fieldProblems(source, parsed.error.issues)] };
  const data = parsed.data;

  const fromFileName = path.posix.basename(file.source, '.md');
  const id = data.id ?? fromFileName;
  if (data.id === undefined && !idPattern.test(id)) {
    messages.push(
      problem('invalid-id', `File name "${fromFileName}" is not a valid story id, expected lower-case letters, digits and single hyphens (rename the file or set \`id:\`)`, file.displayPath, {
        line: 1,
        column: 1,
      }),
    );
  }
  if (data.updated && data.updated.epochMs < data.date.epochMs) {
    messages.push(
      problem('updated-before-date', `\`updated\` (${data.updated.iso}) is before \`date\` (${data.date.iso}), expected the same time or later`, file.displayPath, placeOf(source, ['updated'])),
    );
  }
  const image = data.image ? leadImage(data.image, file.source, context, () => placeOf(source, ['image', 'src']), file.displayPath, messages) : undefined;

  const found = markStoryReferences(story.tree, file.source);
  for (const escaping of found.escaping) {
    messages.push(problem('reference-outside-stories', `Link "${escaping.url}" points outside the stories folder, expected a story file inside it`, file.displayPath, escaping.place));
  }
  if (messages.some((message) => message.fatal === true)) return { messages };

  const text = bodyText(story.tree);
  const language = storyLanguage(data.lang, `${data.title}\n${data.summary ?? ''}\n${text.firstParagraph}`, context.config.language, file.displayPath, placeOf(source, ['title']));
  messages.push(...language.messages);
  // Typeset after the language is known (the guess reads the text as written), before anything reads the text.
  const lang = language.lang ?? context.config.language;
  const typeset = context.config.typography ? (value: string): string => typesetText(value, lang) : (value: string): string => value;
  if (context.config.typography) typesetBody(story.tree, lang);
  const dateline = data.dateline && { place: data.dateline.place, ...optional('agency', data.dateline.agency) };
  const article: Article = {
    id,
    source: file.source,
    displayPath: file.displayPath,
    digest: file.digest,
    title: typeset(data.title),
    date: data.date,
    ...optional('updated', data.updated),
    ...optional('section', data.section),
    topics: data.topics,
    tags: data.tags,
    ...optional('dateline', dateline),
    ...optional('byline', data.byline && typeset(data.byline)),
    summary: data.summary === undefined ? (context.config.typography ? firstParagraph(story.tree) : text.firstParagraph) : typeset(data.summary),
    ...optional('authorSummary', data.summary === undefined ? undefined : true),
    ...optional('image', image && typesetImageText(image, typeset)),
    ...optional(
      'related',
      data.related?.map((relatedId, index) => ({ id: relatedId, place: placeOf(source, ['related', index]) })),
    ),
    ...optional('note', data.note && typeset(data.note)),
    body: bodyToHtml(story.tree, dateline, context.config),
    references: found.references,
    wordCount: text.wordCount,
    readingMinutes: text.readingMinutes,
    places: articlePlaces(source, data),
    ...optional('embargo', data.embargo),
    status: data.status,
    ...optional('killNotice', data.killNotice && { showHeadline: data.killNotice.showHeadline === true }),
    ...optional('urgency', data.urgency),
    ...optional('top', data.top === true ? true : undefined),
    ...optional('slugline', data.slugline),
    corrections: data.corrections.map((correction) => ({ ...correction, text: typeset(correction.text) })),
    ...optional('lang', language.lang),
    ...optional('wire', data.wire && { uri: data.wire.uri, ...optional('version', data.wire.version) }),
    path: permalinkPath(context.config.permalink, { id, date: data.date, section: data.section }),
  };
  const tooLong = pathProblems(article, context.config.permalink);
  if (tooLong.length > 0) return { messages: [...messages, ...tooLong] };
  return { article, messages };
}

function leadImage(image: NonNullable<FrontMatter['image']>, storySource: string, { assets, pictures }: ModelContext, srcPlace: () => Point, displayPath: string, messages: VFileMessage[]): LeadImage {
  const text = { ...optional('alt', image.alt), ...optional('caption', image.caption), ...optional('credit', image.credit) };
  if (image.src === undefined) return text;
  if (/^https?:\/\//i.test(image.src)) return { src: image.src, ...text };
  const source = path.posix.normalize(path.posix.join(path.posix.dirname(storySource), image.src));
  if (source.startsWith('../') || path.posix.isAbsolute(image.src) || !assets.has(source)) {
    messages.push(problem('missing-image', `Image "${image.src}" is not a file in the stories folder, expected a path relative to the story or an http(s) URL`, displayPath, srcPlace()));
    return text;
  }
  // A picture the build could not read: said at `src`, and the story shows none (its caption and credit stay).
  const picture = pictures?.get(source);
  if (picture?.kind === 'unreadable') {
    messages.push(
      problem('unreadable-image', `Image "${image.src}" could not be read (${picture.reason}), expected a JPEG, PNG or WebP picture; the story is published without it`, displayPath, srcPlace()),
    );
    return text;
  }
  return { src: `media/${source}`, source, ...text, ...optional('sizes', picture?.sizes) };
}

/** A lead image's alt text, caption and credit in `typeset`'s typography. */
function typesetImageText(image: LeadImage, typeset: (value: string) => string): LeadImage {
  return {
    ...image,
    ...optional('alt', image.alt && typeset(image.alt)),
    ...optional('caption', image.caption && typeset(image.caption)),
    ...optional('credit', image.credit && typeset(image.credit)),
  };
}

function articlePlaces(source: FrontMatterSource, data: FrontMatter): Article['places'] {
  return {
    id: data.id === undefined ? { line: 1, column: 1 } : placeOf(source, ['id']),
    ...optional('section', data.section && placeOf(source, ['section'])),
    topics: placesOfItems(source, 'topics', data.topics.length),
    tags: placesOfItems(source, 'tags', data.tags.length),
  };
}

/** `{[key]: value}` when value is defined, else `{}`: keeps optional properties truly absent. */
function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return value === undefined ? {} : ({ [key]: value } as { [P in K]: V });
}
