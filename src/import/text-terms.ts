import { isCounter, isCredit, type TextLine } from './text-lines.js';

/** A `Topic:` or `Tags:` block: the names it lists, each with the line it was read from, and the index of the line after it. */
export interface TermBlock {
  readonly kind: 'topic' | 'tags';
  readonly names: readonly TextLine[];
  readonly next: number;
}

const labelPattern = /^(Topics?|Tags):\s*(.*)$/i;
const readMorePattern = /^READ MORE:\s*(\S.*)$/i;

/** The headline a `READ MORE: …` line names, or undefined when the line is not one. */
export function readMoreHeadline(line: TextLine): string | undefined {
  return readMorePattern.exec(line.text)?.[1];
}

/** Whether a line starts a `Topic:` or `Tags:` block. */
export function isTermLabel(line: TextLine): boolean {
  return labelPattern.test(line.text);
}

/** Whether a line has a meaning of its own in scraped text (a label, a credit, a counter, a READ MORE), so it cannot be a name or a headline. */
export function isMarker(line: TextLine): boolean {
  return isTermLabel(line) || isCredit(line) || isCounter(line) || readMoreHeadline(line) !== undefined;
}

/**
 * Read the `Topic:` or `Tags:` block starting at `lines[start]`: the names on the label's line
 * (`Tags: Japan, Russia`) and on the lines right after it, up to a blank line or another marker.
 * A topic loses the source site's story count (`St. Petersburg International Economic Forum 2018 (40)`);
 * tags are separated by commas. Undefined when the line is no such label.
 */
export function readTermBlock(lines: readonly TextLine[], start: number): TermBlock | undefined {
  const first = lines[start];
  const label = first && labelPattern.exec(first.text);
  if (!first || !label) return undefined;
  const kind = (label[1] ?? '').toLowerCase().startsWith('tag') ? 'tags' : 'topic';
  const written: TextLine[] = label[2] ? [{ text: label[2], place: { line: first.place.line, column: first.place.column + first.text.length - label[2].length } }] : [];
  let next = start + 1;
  for (let line = lines[next]; line && line.text !== '' && !isMarker(line); line = lines[++next]) written.push(line);
  const names = written.flatMap((line) => (kind === 'tags' ? splitTags(line) : [{ text: line.text.replace(/\s*\(\d+\)$/, ''), place: line.place }]));
  return { kind, names: names.filter((name) => name.text !== ''), next };
}

/** The comma-separated tags of one line, each placed at its own column. */
function splitTags(line: TextLine): TextLine[] {
  const tags: TextLine[] = [];
  let offset = 0;
  for (const part of line.text.split(',')) {
    const lead = part.length - part.trimStart().length;
    tags.push({ text: part.trim(), place: { line: line.place.line, column: line.place.column + offset + lead } });
    offset += part.length + 1;
  }
  return tags;
}
