import type { VFileMessage } from 'vfile-message';
import { importProblem } from './imported-story.js';
import { readDateline } from './text-header.js';
import { isCounter, isCredit, type TextLine } from './text-lines.js';
import { isMarker, readMoreHeadline, readTermBlock } from './text-terms.js';

/** A block of the body: a paragraph (one line of text), or a `READ MORE:` line naming a headline. */
export type BodyBlock = { readonly kind: 'paragraph'; readonly line: TextLine } | { readonly kind: 'read-more'; readonly headline: string; readonly line: TextLine };

/** A related-story teaser embedded in the body: the picture's caption and credit, then the story's headline. */
export interface Teaser {
  readonly caption?: TextLine;
  readonly credit: TextLine;
  readonly headline: TextLine;
}

/** What the body and the footer of a scraped story hold. */
export interface StoryBody {
  readonly blocks: readonly BodyBlock[];
  readonly dateline?: { readonly place: string; readonly agency?: string };
  readonly teasers: readonly Teaser[];
  readonly topics: readonly TextLine[];
  readonly tags: readonly TextLine[];
  readonly note?: TextLine;
  readonly problems: readonly VFileMessage[];
}

/**
 * Read a scraped story's body from `lines[start]`: every non-blank line is a paragraph, but for
 * `READ MORE:` lines, related-story teasers (caption, `©` credit and headline on consecutive
 * lines) and counters (dropped). The first paragraph may open with a dateline; the last one is
 * the closing note when it starts with the dateline's agency (`Sputnik is the official media
 * partner of the forum.`). The first `Topic:` or `Tags:` block starts the footer; any other line
 * after it is dropped with a warning.
 */
export function readBody(lines: readonly TextLine[], start: number, input: string): StoryBody {
  const problems: VFileMessage[] = [];
  const blocks: BodyBlock[] = [];
  const teasers: Teaser[] = [];
  const topics: TextLine[] = [];
  const tags: TextLine[] = [];
  let inFooter = false;
  // The index of the line the last paragraph came from, to find a teaser's caption right above its credit.
  let lastParagraphAt = -1;
  for (let index = start; index < lines.length; index++) {
    const line = lines[index];
    if (!line || line.text === '' || isCounter(line)) continue;
    const block = readTermBlock(lines, index);
    if (block) {
      (block.kind === 'topic' ? topics : tags).push(...block.names);
      inFooter = true;
      index = block.next - 1;
      continue;
    }
    if (inFooter) {
      problems.push(importProblem('import-dropped', `Unexpected text after the \`Topic:\` and \`Tags:\` blocks, dropped; expected the story's paragraphs above them`, input, line.place));
      continue;
    }
    const readMore = readMoreHeadline(line);
    if (readMore !== undefined) {
      blocks.push({ kind: 'read-more', headline: readMore, line });
      continue;
    }
    if (isCredit(line)) {
      const above = blocks.at(-1);
      const caption = above?.kind === 'paragraph' && lastParagraphAt === index - 1 ? above.line : undefined;
      if (caption) blocks.pop();
      const below = lines[index + 1];
      if (below && below.text !== '' && !isMarker(below)) {
        teasers.push({ ...(caption ? { caption } : {}), credit: line, headline: below });
        index++;
      } else {
        const what = caption ? 'A picture caption and credit' : 'A photo credit';
        problems.push(
          importProblem(
            'import-dropped',
            `${what} in the body with no headline on the next line, dropped; expected a related-story teaser (caption, \`©\` credit, headline)`,
            input,
            (caption ?? line).place,
          ),
        );
      }
      continue;
    }
    blocks.push({ kind: 'paragraph', line });
    lastParagraphAt = index;
  }
  const dated = withDateline(blocks);
  const note = closingNote(dated.blocks, dated.dateline?.agency);
  return {
    blocks: note ? dated.blocks.slice(0, -1) : dated.blocks,
    ...(dated.dateline ? { dateline: dated.dateline } : {}),
    teasers,
    topics,
    tags,
    ...(note ? { note } : {}),
    problems,
  };
}

/** The blocks with the dateline taken off the first paragraph, and the dateline. */
function withDateline(blocks: readonly BodyBlock[]): { blocks: readonly BodyBlock[]; dateline?: { place: string; agency?: string } } {
  const [first, ...rest] = blocks;
  const dateline = first?.kind === 'paragraph' ? readDateline(first.line.text) : undefined;
  if (!first || !dateline) return { blocks };
  const column = first.line.place.column + first.line.text.length - dateline.rest.length;
  const opening: BodyBlock = { kind: 'paragraph', line: { text: dateline.rest, place: { line: first.line.place.line, column } } };
  const { place, agency } = dateline;
  return { blocks: [opening, ...rest], dateline: agency === undefined ? { place } : { place, agency } };
}

/** The last paragraph when it is the agency's closing note, e.g. `Sputnik is the official media partner of the forum.` */
function closingNote(blocks: readonly BodyBlock[], agency: string | undefined): TextLine | undefined {
  const last = blocks.at(-1);
  if (agency === undefined || blocks.length < 2 || last?.kind !== 'paragraph') return undefined;
  return last.line.text.startsWith(`${agency} `) ? last.line : undefined;
}
