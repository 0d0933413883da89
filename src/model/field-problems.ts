import leven from 'leven';
import type { VFileMessage } from 'vfile-message';
import { isMap, isNode, isScalar, isSeq, type Document } from 'yaml';
import type { z } from 'zod';
import type { Point } from './article.js';
import { problem } from '../report/problem.js';
import type { RuleId } from '../report/rules.js';

/** Where the front matter is: its document, its offset in the file and how to turn offsets into points. */
export interface FrontMatterSource {
  readonly document: Document.Parsed;
  readonly yamlOffset: number;
  readonly pointAt: (offset: number) => Point;
  readonly displayPath: string;
}

/** The place of a front-matter value (or of the front matter itself when the path is absent). */
export function placeOf(source: FrontMatterSource, path: readonly PropertyKey[]): Point {
  for (let depth = path.length; depth > 0; depth--) {
    const node = source.document.getIn(path.slice(0, depth) as (string | number)[], true);
    if (isNode(node) && node.range) return source.pointAt(source.yamlOffset + node.range[0]);
  }
  return { line: 1, column: 1 };
}

/**
 * The places of the first `count` items of the list at front-matter field `key`: the list is
 * looked up once (a lookup reads every field before it, and a list may be long).
 */
export function placesOfItems(source: FrontMatterSource, key: string, count: number): Point[] {
  const list = source.document.get(key, true);
  return Array.from({ length: count }, (_, index) => {
    const item = isSeq(list) ? list.items[index] : undefined;
    return isNode(item) && item.range ? source.pointAt(source.yamlOffset + item.range[0]) : placeOf(source, [key, index]);
  });
}

/** Turn the schema's issues into positioned messages that say what was found and what was expected. */
export function fieldProblems(source: FrontMatterSource, issues: readonly z.core.$ZodIssue[]): VFileMessage[] {
  return issues.map((issue) => {
    const field = issue.path.map(String).join('.');
    const place = placeOf(source, issue.path);
    const found = source.document.getIn(issue.path as (string | number)[], true);
    const { rule, reason } = describeIssue(issue, field, found);
    return problem(rule, reason, source.displayPath, place);
  });
}

function describeIssue(issue: z.core.$ZodIssue, field: string, found: unknown): { rule: RuleId; reason: string } {
  if (issue.code === 'custom') {
    const rule = (issue.params as { rule?: RuleId } | undefined)?.rule ?? 'invalid-field';
    return { rule, reason: issue.message };
  }
  if (issue.code === 'invalid_type' && found === undefined) {
    if (field === 'title') return { rule: 'missing-title', reason: 'Missing `title`, expected the story\'s headline, e.g. `title: "Putin Meets Abe"`' };
    if (field === 'date') return { rule: 'missing-date', reason: 'Missing `date`, expected ISO 8601 with offset, e.g. `date: 2018-05-25T14:03:00+03:00`' };
  }
  if (issue.code === 'invalid_format' && (field === 'id' || field.startsWith('related.'))) {
    return {
      rule: 'invalid-id',
      reason: `Invalid story id "${isScalar(found) ? String(found.value) : ''}" in \`${field}\`, expected lower-case letters, digits and single hyphens, e.g. \`putin-japan-2018\``,
    };
  }
  if (issue.code === 'too_small') {
    return { rule: 'invalid-field', reason: `Empty \`${field}\`, expected text` };
  }
  const expected = issue.code === 'invalid_type' ? issue.message : issue.message.toLowerCase();
  return { rule: 'invalid-field', reason: `Unexpected ${describeValue(found)} in \`${field}\`, expected ${expected}` };
}

/** Describe a YAML node as a user would: `list`, `map`, `number 2018`, `text "x"`. */
function describeValue(node: unknown): string {
  if (isSeq(node)) return 'list';
  if (isMap(node)) return 'map';
  if (isScalar(node)) {
    const value = node.value;
    if (value === null) return 'empty value';
    if (typeof value === 'string') return `text "${value.length > 60 ? `${value.slice(0, 57)}...` : value}"`;
    return `${typeof value} ${String(value)}`;
  }
  return 'value';
}

/**
 * Warn about keys the schema does not know (`noun`: field or setting), suggesting the nearest known
 * one: the top-level keys, or those of the map at `path` (a nested setting such as `labels`).
 */
export function unknownFieldProblems(source: FrontMatterSource, known: readonly string[], noun = 'field', path: readonly (string | number)[] = []): VFileMessage[] {
  const contents = path.length === 0 ? source.document.contents : source.document.getIn(path, true);
  if (!isMap(contents)) return [];
  const messages: VFileMessage[] = [];
  for (const pair of contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
    if (key === undefined || known.includes(key)) continue;
    const nearest = nearestField(key, known);
    const hint = nearest ? `, did you mean \`${nearest}\`?` : `, expected one of ${known.map((name) => `\`${name}\``).join(', ')}`;
    // The key's own range: looking the key up again would read every key before it, for each key.
    const place = isNode(pair.key) && pair.key.range ? source.pointAt(source.yamlOffset + pair.key.range[0]) : placeOf(source, [...path, key]);
    messages.push(problem('unknown-field', `Unknown ${noun} \`${key}\`${hint}`, source.displayPath, place));
  }
  return messages;
}

function nearestField(key: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(key.length / 3)) + 1;
  for (const name of known) {
    const distance = leven(key.toLowerCase(), name.toLowerCase());
    if (distance < bestDistance) {
      best = name;
      bestDistance = distance;
    }
  }
  return best;
}
