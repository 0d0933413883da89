import type { VFileMessage } from 'vfile-message';
import { slugify } from '../text/slug.js';
import { importProblem, type ExistingStories, type ImportInput, type Importer, type ImportResult } from './imported-story.js';
import { storyLinkTarget } from './story-link.js';
import { readBody, type StoryBody } from './text-body.js';
import { frontMatterDate, type WrittenDate } from './text-date.js';
import { readHeader, type HeaderDate, type StoryHeader } from './text-header.js';
import { storyIdFrom } from './text-id.js';
import { textLines, type TextLine } from './text-lines.js';
import { markdownBody, type MarkdownParagraph } from './text-markdown.js';

const expectedShape = 'expected a story as scraped text: a date line (`25 May 2018`), the headline, then the story’s paragraphs';

/**
 * Import a story scraped from a news page as plain text (the shape of `tests/fixtures/seed/`):
 * date lines, lead-picture caption, headline and `©` credit, section, `Topic:` block, dateline,
 * paragraphs, `READ MORE:` lines (story links when the story exists), embedded related-story
 * teasers (`related` ids when the story exists), `Tags:` and the closing note. Counters are dropped.
 */
export const importText: Importer = (input, existing, settings = {}) => {
  const notText = shapeProblem(input);
  if (notText) return { stories: [], problems: [notText] };
  const lines = textLines(input.text);
  const header = readHeader(lines, input.name);
  const body = readBody(lines, header.bodyStart, input.name);
  const problems: VFileMessage[] = [...header.problems, ...body.problems];
  const missing = missingParts(header, body, lines, input.name);
  const { date, headline } = header;
  if (missing.length > 0 || problems.some((problem) => problem.fatal === true) || !date || !headline) {
    return { stories: [], problems: [...problems, ...missing] };
  }
  return storyOf({ ...header, date, headline }, body, existing, input.name, problems, settings.timezone);
};

/** The header of a story that has its date and headline. */
type CompleteHeader = StoryHeader & { readonly date: HeaderDate; readonly headline: TextLine };

function storyOf(header: CompleteHeader, body: StoryBody, existing: ExistingStories, input: string, problems: VFileMessage[], timezone: string | undefined): ImportResult {
  const id = storyIdFrom(header.headline.text, existing);
  // The story goes in the folder of its month, as written (`2018/05`).
  const folder = `${header.date.date.day.slice(0, 4)}/${header.date.date.day.slice(5, 7)}`;
  const paragraphs = body.blocks.flatMap((block): MarkdownParagraph[] => {
    if (block.kind === 'paragraph') return [{ text: block.line.text }];
    const target = existing.byTitle(block.headline);
    if (target) return [{ readMoreTarget: storyLinkTarget(folder, target.source) }];
    problems.push(
      importProblem(
        'import-unresolved-read-more',
        `READ MORE names "${block.headline}", which no story in the stories folder has as its headline: left out of the body; expected an existing story (import it, then import this story again with --force)`,
        input,
        block.line.place,
      ),
    );
    return [];
  });
  const related: string[] = [];
  for (const teaser of body.teasers) {
    const story = existing.byTitle(teaser.headline.text);
    if (story && story.id !== id && !related.includes(story.id)) related.push(story.id);
    if (!story) {
      problems.push(
        importProblem(
          'import-unresolved-related',
          `Related-story teaser "${teaser.headline.text}" names no story in the stories folder: dropped from the body; expected an existing story with that headline (import it, then import this story again with --force)`,
          input,
          teaser.headline.place,
        ),
      );
    }
  }
  const terms = (lines: readonly TextLine[], field: string) => termNames(lines, field, input, problems);
  const [section] = terms(header.section ? [header.section] : [], 'section');
  const topics = terms([...header.topics, ...body.topics], 'topics');
  const tags = terms(body.tags, 'tags');
  const image = leadImage(header.caption?.text, header.credit?.text);
  const dates = storyDates(header.date, timezone, input, problems);
  const frontMatter: Record<string, unknown> = {
    title: header.headline.text,
    ...dates,
    ...(section ? { section } : {}),
    ...(topics.length > 0 ? { topics } : {}),
    ...(tags.length > 0 ? { tags } : {}),
    ...(body.dateline ? { dateline: body.dateline } : {}),
    ...(image ? { image } : {}),
    ...(related.length > 0 ? { related } : {}),
    ...(body.note ? { note: body.note.text } : {}),
  };
  return { stories: [{ id, folder, frontMatter, body: markdownBody(paragraphs) }], problems };
}

/** `date` and `updated` as front matter; a time that no offset or zone places is reported and only its day kept. */
function storyDates(header: HeaderDate, timezone: string | undefined, input: string, problems: VFileMessage[]): { date: string; updated?: string } {
  const written = (field: 'date' | 'updated', date: WrittenDate): string => {
    const { text, placed } = frontMatterDate(date, timezone);
    if (!placed) {
      const reason = `\`${field}\` time ${date.time ?? ''} has no time zone, so only the day ${date.day} is kept; expected a UTC offset in the text, or --timezone (or \`timezone\` in site.yaml) to place it`;
      problems.push(importProblem('import-dropped', reason, input, header.place));
    }
    return text;
  };
  const date = written('date', header.date);
  return header.updated ? { date, updated: written('updated', header.updated) } : { date };
}

/**
 * The lead picture's front matter: caption and credit as printed, and as `alt` the caption
 * without its closing period (scraped text has no picture file, so no `src`).
 */
function leadImage(caption: string | undefined, credit: string | undefined): Record<string, string> | undefined {
  if (caption === undefined && credit === undefined) return undefined;
  return { ...(caption !== undefined ? { alt: caption.replace(/\.$/, ''), caption } : {}), ...(credit !== undefined ? { credit } : {}) };
}

/** Names of a section, topics or tags, each once (first spelling wins); a name with no letter or digit is dropped with a warning. */
function termNames(lines: readonly TextLine[], field: string, input: string, problems: VFileMessage[]): string[] {
  const names: string[] = [];
  for (const line of lines) {
    if (slugify(line.text) === '') {
      problems.push(importProblem('import-dropped', `\`${field}\` name "${line.text}" has no letters or digits, dropped; expected a name such as "Business"`, input, line.place));
    } else if (!names.includes(line.text)) names.push(line.text);
  }
  return names;
}

/** Errors for the parts every story needs: the date, the headline and a body. A text with none of the shape's marks is not a scraped story at all. */
function missingParts(header: StoryHeader, body: StoryBody, lines: readonly TextLine[], input: string): VFileMessage[] {
  const top = lines.find((line) => line.text !== '')?.place ?? { line: 1, column: 1 };
  const marked = header.credit ?? header.section ?? header.topics[0] ?? body.dateline ?? body.teasers[0] ?? body.tags[0] ?? body.topics[0] ?? body.blocks.find((block) => block.kind === 'read-more');
  if (!header.datedLines && !marked) return [importProblem('import-malformed', `Not a scraped story: no date line, credit, \`Topic:\`, \`Tags:\` or dateline found; ${expectedShape}`, input, top)];
  const problems: VFileMessage[] = [];
  if (!header.datedLines) problems.push(importProblem('import-missing-field', `Missing \`date\`: ${expectedShape}`, input, top));
  if (!header.headline)
    problems.push(importProblem('import-missing-field', 'Missing `headline`, expected it on the line after the date lines (or after the lead picture’s caption)', input, header.afterDate));
  else if (!body.blocks.some((block) => block.kind === 'paragraph')) {
    problems.push(importProblem('import-missing-field', 'Missing body: no paragraph after the headline, expected the story’s text', input, header.headline.place));
  }
  return problems;
}

/** An error for input that is no text of this shape at all: empty, binary, JSON or markup. */
function shapeProblem(input: ImportInput): VFileMessage | undefined {
  const { text } = input;
  const nul = text.indexOf('\u0000');
  if (nul !== -1) {
    const before = text.slice(0, nul).split(/\r\n|\r|\n/);
    return importProblem('import-malformed', `Unexpected NUL character: this is binary data or UTF-16, ${expectedShape} in UTF-8`, input.name, {
      line: before.length,
      column: (before.at(-1)?.length ?? 0) + 1,
    });
  }
  const first = textLines(text).find((line) => line.text !== '');
  if (!first) return importProblem('import-malformed', `Empty input, ${expectedShape}`, input.name, { line: 1, column: 1 });
  if (/^[{[]/.test(first.text)) return importProblem('import-malformed', `This looks like JSON, ${expectedShape} (use \`--format ninjs\` for ninjs JSON)`, input.name, first.place);
  if (first.text.startsWith('<')) return importProblem('import-malformed', `This looks like HTML or XML, ${expectedShape}`, input.name, first.place);
  return undefined;
}
