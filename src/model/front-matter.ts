import { z } from 'zod';
import { parseDateTime } from '../text/datetime.js';
import { slugify } from '../text/slug.js';

/** The pattern every story id follows: lower-case ASCII words joined by single hyphens. */
export const idPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** What the front-matter schema needs to know about the site to coerce values. */
export interface FrontMatterContext {
  /** IANA zone for dates written without an offset. */
  readonly timezone?: string | undefined;
}

/**
 * The front-matter schema: the runtime check and, through `FrontMatter`, the TypeScript type.
 * Dates are coerced to `DateTime` (with their offset) and taxonomy names to `Term`s here, once.
 */
export function frontMatterSchema(context: FrontMatterContext) {
  const text = z.string({ error: 'text' }).trim().min(1);
  const dateTime = z.string({ error: 'an ISO 8601 date as text' }).transform((value, ctx) => {
    const result = parseDateTime(value, context.timezone);
    if (result.ok) return result.value;
    ctx.issues.push({ code: 'custom', message: result.problem.reason, input: value, params: { rule: result.problem.rule } });
    return z.NEVER;
  });
  const term = text.transform((name, ctx) => {
    const slug = slugify(name);
    if (slug !== '') return { name, slug };
    ctx.issues.push({
      code: 'custom',
      message: `"${name}" has no letters or digits to make a URL from, expected a name such as "Business"`,
      input: name,
      params: { rule: 'invalid-term' },
    });
    return z.NEVER;
  });
  const id = z.string({ error: 'text' }).regex(idPattern);
  const language = text.transform((tag, ctx) => {
    const canonical = canonicalLanguage(tag);
    if (canonical) return canonical;
    ctx.issues.push({ code: 'custom', message: `"${tag}" is not a language tag, expected a BCP 47 tag such as \`en\`, \`ru\` or \`pt-BR\``, input: tag, params: { rule: 'invalid-field' } });
    return z.NEVER;
  });
  return z.object({
    title: text,
    date: dateTime,
    id: id.optional(),
    updated: dateTime.optional(),
    section: term.optional(),
    topics: z.array(term, { error: 'a list' }).default([]),
    tags: z.array(term, { error: 'a list' }).default([]),
    dateline: z.object({ place: text, agency: text.optional() }, { error: 'a map with `place` and `agency`' }).optional(),
    byline: text.optional(),
    summary: text.optional(),
    image: z.object({ src: text.optional(), alt: text.optional(), caption: text.optional(), credit: text.optional() }, { error: 'a map with `src`, `alt`, `caption` and `credit`' }).optional(),
    // No default: an absent `related` (computed from shared topics and tags) differs from `related: []` (none, on purpose).
    related: z.array(id, { error: 'a list of story ids' }).optional(),
    note: text.optional(),
    embargo: dateTime.optional(),
    status: z.enum(storyStatuses, { error: 'one of usable, withheld or canceled' }).default('usable'),
    urgency: z
      .int({ error: 'a whole number from 1 (most urgent) to 9' })
      .min(1, { error: 'a whole number from 1 (most urgent) to 9' })
      .max(9, { error: 'a whole number from 1 (most urgent) to 9' })
      .optional(),
    // The editor's pick for the lead of the front page and of the story's section, topic and tag pages.
    top: z.boolean({ error: 'true or false' }).optional(),
    slugline: text.optional(),
    corrections: z.array(z.object({ date: dateTime, text }, { error: 'a map with `date` and `text`' }), { error: 'a list of `date` and `text` maps' }).default([]),
    lang: language.optional(),
    // What a kill notice (`status: canceled`) shows: the killed headline only when the desk says so.
    killNotice: z
      .looseObject({ showHeadline: z.boolean({ error: 'true or false' }).optional() }, { error: 'a map such as `{showHeadline: true}`' })
      .superRefine((value, context) => {
        for (const key of Object.keys(value)) {
          if (key !== 'showHeadline') context.addIssue({ code: 'custom', path: [key], message: `Unknown key \`killNotice.${key}\`, expected \`showHeadline: true\` or \`false\``, input: key });
        }
      })
      .optional(),
    wire: z.object({ uri: text, version: z.int({ error: 'a whole number' }).min(0).optional() }, { error: 'a map with `uri` and `version`' }).optional(),
  });
}

/** The publishing statuses a story can have, after the IPTC `pubStatus` vocabulary. */
export const storyStatuses = ['usable', 'withheld', 'canceled'] as const;

/** The canonical form of a BCP 47 language tag, or undefined when it is not one. */
export function canonicalLanguage(tag: string): string | undefined {
  try {
    return Intl.getCanonicalLocales(tag)[0];
  } catch {
    return undefined;
  }
}

/** Front matter after validation and coercion. */
export type FrontMatter = z.output<ReturnType<typeof frontMatterSchema>>;

/** Every field a story's front matter may have, in the order docs/stories.md lists them. */
export const knownFields: readonly string[] = Object.keys(frontMatterSchema({}).shape);
