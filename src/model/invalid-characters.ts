import type { VFileMessage } from 'vfile-message';
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { problem } from '../report/problem.js';
import type { FrontMatterSource } from './field-problems.js';

// Characters no story text has a use for, which reach pages and feeds as they are: C0 controls
// (NUL, ESC, BEL…) but tab, line feed and carriage return; DEL; C1 controls; lone surrogates.
const invalid = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]|\p{Cs}/u;
const invalidAll = new RegExp(invalid.source, 'gu');

// The escapes of a double-quoted YAML value, so that one writing an invalid character (`\e`,
// `\x1b`, `\u0000`) can be found in the text; `\\` is matched whole so it never starts another.
const escape = /\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)/gsu;
const namedEscapes: Readonly<Record<string, string>> = { '0': '\u0000', a: '\u0007', b: '\u0008', v: '\u000b', f: '\u000c', e: '\u001b', N: '\u0085' };

/** Front-matter values with every invalid character replaced, and a warning for each one. */
export interface CleanFrontMatter {
  /** The front matter as plain values (`document.toJS()`), U+FFFD in place of each invalid character. */
  readonly value: unknown;
  readonly messages: readonly VFileMessage[];
}

/**
 * Find the control characters, NUL and lone surrogates in front-matter text (keys and values,
 * nested ones included) and warn about each (`invalid-character`) at the character itself, or at
 * the escape that writes it in a double-quoted value; the values keep U+FFFD in their place.
 * `text` is the story file's text, `value` the front matter as plain values (see `frontMatterValues`).
 */
export function cleanFrontMatter(source: FrontMatterSource, text: string, value: unknown): CleanFrontMatter {
  const messages: VFileMessage[] = [];
  visitText(source.document.contents, [], (node, path) => messages.push(...warnings(source, text, node, path)));
  return { value: messages.length === 0 ? value : cleaned(value), messages };
}

function visitText(node: unknown, path: readonly string[], found: (node: Node, path: readonly string[]) => void): void {
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '?';
      visitText(pair.key, path, found);
      visitText(pair.value, [...path, key], found);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, index) => visitText(item, [...path, String(index)], found));
  } else if (isScalar(node) && typeof node.value === 'string' && invalid.test(node.value)) {
    found(node, path);
  }
}

function warnings(source: FrontMatterSource, text: string, node: Node, path: readonly string[]): VFileMessage[] {
  const [start, end] = node.range ?? [0, 0];
  const written = text.slice(source.yamlOffset + start, source.yamlOffset + end);
  const field = path.length === 0 ? 'a key' : `\`${path.join('.')}\``;
  return placesOf(written).map(({ offset, character }) => {
    const code = (character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
    const what = /\p{Cs}/u.test(character) ? 'Lone surrogate' : 'Control character';
    const reason = `${what} U+${code} in ${field}, expected printable text: it is shown as U+FFFD (remove it from the story)`;
    return problem('invalid-character', reason, source.displayPath, source.pointAt(source.yamlOffset + start + offset));
  });
}

/** Each invalid character in the written value, or the escape that writes it, with its offset in `written`. */
function placesOf(written: string): { offset: number; character: string }[] {
  const places: { offset: number; character: string }[] = [];
  for (const match of written.matchAll(invalidAll)) places.push({ offset: match.index, character: match[0] });
  if (written.startsWith('"')) {
    const escapes = [...written.matchAll(escape)].map((match) => ({ offset: match.index, length: match[0].length, character: decode(match[1] ?? '') }));
    escapes.forEach((current, index) => {
      // `\uD83D\uDE00` writes one character in two halves: neither is alone.
      const before = escapes[index - 1];
      const after = escapes[index + 1];
      const paired =
        (after !== undefined && after.offset === current.offset + current.length && isSurrogatePair(current.character + after.character)) ||
        (before !== undefined && current.offset === before.offset + before.length && isSurrogatePair(before.character + current.character));
      if (!paired && invalid.test(current.character)) places.push({ offset: current.offset, character: current.character });
    });
  }
  return places.sort((a, b) => a.offset - b.offset);
}

function isSurrogatePair(text: string): boolean {
  return /^[\uD800-\uDBFF][\uDC00-\uDFFF]$/.test(text);
}

function decode(escaped: string): string {
  if (escaped.length === 1) return namedEscapes[escaped] ?? escaped;
  const code = Number.parseInt(escaped.slice(1), 16);
  // `\x` and `\u` write one UTF-16 unit (`\uD800` a lone surrogate), `\U` a whole code point.
  if (!escaped.startsWith('U')) return String.fromCharCode(code);
  return code <= 0x10ffff ? String.fromCodePoint(code) : '';
}

function cleaned(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(invalidAll, '\uFFFD');
  if (Array.isArray(value)) return value.map(cleaned);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key.replace(invalidAll, '\uFFFD'), cleaned(item)]));
  return value;
}
