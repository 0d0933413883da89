import type { VFileMessage } from 'vfile-message';
import type { Point } from '../model/article.js';
import { importProblem } from './imported-story.js';
import { readDateLine, type WrittenDate } from './text-date.js';
import { isCounter, isCredit, type TextLine } from './text-lines.js';
import { isMarker, isTermLabel, readTermBlock } from './text-terms.js';

/** The story's date as its date lines give it, and where the first of them is. */
export interface HeaderDate {
  readonly date: WrittenDate;
  readonly updated?: WrittenDate;
  readonly place: Point;
}

/** What the lines above a scraped story's body say. */
export interface StoryHeader {
  readonly date?: HeaderDate;
  /** Whether the text opens with date lines, valid or not (an invalid one is reported as such, not as a missing date). */
  readonly datedLines: boolean;
  /** The first line after the date lines: where a missing headline is reported. */
  readonly afterDate: Point;
  readonly headline?: TextLine;
  readonly caption?: TextLine;
  readonly credit?: TextLine;
  readonly section?: TextLine;
  readonly topics: readonly TextLine[];
  /** Index of the body's first line. */
  readonly bodyStart: number;
  readonly problems: readonly VFileMessage[];
}

const datelinePattern = /^(\p{Lu}[\p{Lu}\p{M}\d .,'’/&-]{0,38}?\p{Lu}\.?)(?: \(([^()]{1,40})\))? [–—-] (\S.*)$/u;

/** Split a first paragraph that opens with a dateline, `ST PETERSBURG (Sputnik) – Russia is…`, into place, agency and text. */
export function readDateline(text: string): { place: string; agency?: string; rest: string } | undefined {
  const match = datelinePattern.exec(text);
  if (!match) return undefined;
  const [, place = '', agency, rest = ''] = match;
  return agency === undefined ? { place, rest } : { place, agency: agency.trim(), rest };
}

/**
 * Read the top of a scraped story, in the order the page prints it: the date lines, the lead
 * picture's caption, the headline and the picture's `©` credit (a caption is only recognised with
 * its credit: caption, headline, credit), then, in any order up to the body, the section, the
 * `Topic:` block and page counters (`0 20`, dropped).
 */
export function readHeader(lines: readonly TextLine[], input: string): StoryHeader {
  const problems: VFileMessage[] = [];
  let index = 0;
  let date: HeaderDate | undefined;
  let datedLines = false;
  for (; index < lines.length; index++) {
    const line = lines[index];
    if (!line || line.text === '') continue;
    const reading = readDateLine(line.text);
    if (!reading) break;
    datedLines = true;
    if (!reading.ok) {
      problems.push(importProblem('import-invalid-field', `\`date\` ${reading.reason}`, input, line.place));
      continue;
    }
    if (!date) {
      date = { date: reading.date, ...(reading.updated ? { updated: reading.updated } : {}), place: line.place };
    } else if (date.date.day !== reading.date.day) {
      const first = `${date.place.line}:${date.place.column}`;
      problems.push(importProblem('import-invalid-field', `\`date\` is ${reading.date.day} here but ${date.date.day} at ${first}, expected the date lines to agree`, input, line.place));
    } else if (date.date.time === undefined && reading.date.time !== undefined) {
      date = { ...date, date: reading.date };
    }
  }
  const afterDate = lines[index]?.place ?? { line: lines.length, column: 1 };
  const texts = nonBlankFrom(lines, index, 3);
  const [first, second, third] = texts.map((at) => lines[at]);
  let headlineAt: number | undefined;
  let captionAt: number | undefined;
  let creditAt: number | undefined;
  if (first && !isMarker(first) && !readDateline(first.text)) {
    if (second && isCredit(second)) [headlineAt, creditAt] = texts;
    else if (second && third && isCredit(third) && !isMarker(second) && !readDateline(second.text)) [captionAt, headlineAt, creditAt] = texts;
    else headlineAt = texts[0];
  }
  const at = (position: number | undefined) => (position === undefined ? undefined : lines[position]);
  const headline = at(headlineAt);
  if (headlineAt === undefined) return { ...(date ? { date } : {}), datedLines, afterDate, topics: [], bodyStart: index, problems };

  const rest = readTopBlocks(lines, (creditAt ?? headlineAt) + 1);
  return {
    ...(date ? { date } : {}),
    datedLines,
    afterDate,
    ...optionalLine('headline', headline),
    ...optionalLine('caption', at(captionAt)),
    ...optionalLine('credit', at(creditAt)),
    ...optionalLine('section', rest.section),
    topics: rest.topics,
    bodyStart: rest.next,
    problems,
  };
}

/** The section, topics and counters between the headline (or credit) and the body. */
function readTopBlocks(lines: readonly TextLine[], start: number): { section?: TextLine; topics: TextLine[]; next: number } {
  const topics: TextLine[] = [];
  let section: TextLine | undefined;
  // Whether the line before is the headline or credit itself (no blank line between): a section follows them so.
  let rightAfterTitle = true;
  let index = start;
  while (index < lines.length) {
    const line = lines[index];
    if (!line) break;
    if (line.text === '') {
      rightAfterTitle = false;
      index++;
      continue;
    }
    if (isCounter(line)) {
      rightAfterTitle = false;
      index++;
      continue;
    }
    const block = readTermBlock(lines, index);
    if (block?.kind === 'topic') {
      topics.push(...block.names);
      rightAfterTitle = false;
      index = block.next;
      continue;
    }
    const next = lines[index + 1];
    const beforeTopic = next !== undefined && next.text !== '' && (isTermLabel(next) || isCounter(next));
    if (!section && topics.length === 0 && looksLikeSection(line) && (rightAfterTitle || beforeTopic)) {
      section = line;
      index++;
      continue;
    }
    break;
  }
  return { ...(section ? { section } : {}), topics, next: index };
}

/** A section name is short and is not a sentence: `Business`, `World`, `Science & Tech`. */
function looksLikeSection(line: TextLine): boolean {
  const { text } = line;
  return text.length <= 40 && text.split(' ').length <= 5 && /\p{L}/u.test(text) && !/[.!?:;,…"”»'’)]$/u.test(text) && !/^["“«'‘(]/u.test(text) && !isMarker(line) && readDateline(text) === undefined;
}

/** Indices of the next `count` non-blank lines from `start`. */
function nonBlankFrom(lines: readonly TextLine[], start: number, count: number): number[] {
  const found: number[] = [];
  for (let index = start; index < lines.length && found.length < count; index++) if (lines[index]?.text !== '') found.push(index);
  return found;
}

function optionalLine<K extends string>(key: K, line: TextLine | undefined): { [P in K]?: TextLine } {
  return line === undefined ? {} : ({ [key]: line } as { [P in K]: TextLine });
}
