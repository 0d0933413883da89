import { parseTree, type Node, type ParseError, ParseErrorCode } from 'jsonc-parser';
import { location } from 'vfile-location';
import type { Point } from '../model/article.js';

/** A JSON value with where it starts in the text (jsonc-parser's syntax tree node). */
export type JsonNode = Node;

/** JSON text read into a positioned tree, or the first syntax error with its place and reason. */
export type JsonReading = { readonly ok: true; readonly root: JsonNode; readonly place: (offset: number) => Point } | { readonly ok: false; readonly reason: string; readonly point: Point };

/**
 * Read strict JSON (no comments, no trailing commas) into a tree whose nodes know their offsets,
 * so messages can point at the value they are about. A leading byte-order mark is ignored.
 */
export function readJson(rawText: string): JsonReading {
  const text = rawText.startsWith('\uFEFF') ? rawText.slice(1) : rawText;
  const where = location(text);
  const place = (offset: number): Point => {
    const point = where.toPoint(Math.min(offset, text.length));
    return point ? { line: point.line, column: point.column } : { line: 1, column: 1 };
  };
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  if (first) {
    const syntax = syntaxProblem(text, first);
    return { ok: false, reason: syntax.reason, point: place(syntax.offset) };
  }
  try {
    // jsonc-parser is lenient in corners (e.g. lone surrogates); JSON.parse has the last word.
    JSON.parse(text);
  } catch (error) {
    const at = /position (\d+)/.exec(error instanceof Error ? error.message : '');
    return { ok: false, reason: 'Invalid JSON, expected text that JSON.parse accepts', point: place(at ? Number(at[1]) : 0) };
  }
  if (!root) return { ok: false, reason: 'Invalid JSON: no value, expected a JSON object', point: place(0) };
  return { ok: true, root, place };
}

const expectations: Partial<Record<ParseErrorCode, string>> = {
  [ParseErrorCode.InvalidNumberFormat]: 'a malformed number',
  [ParseErrorCode.PropertyNameExpected]: 'no property name, expected one in double quotes',
  [ParseErrorCode.ValueExpected]: 'no value, expected a string, number, object, list, true, false or null',
  [ParseErrorCode.ColonExpected]: 'no `:`, expected one after the property name',
  [ParseErrorCode.CommaExpected]: 'no `,`, expected one between values',
  [ParseErrorCode.CloseBraceExpected]: 'an unclosed object, expected `}`',
  [ParseErrorCode.CloseBracketExpected]: 'an unclosed list, expected `]`',
  [ParseErrorCode.EndOfFileExpected]: 'more text after the value, expected one JSON value only',
  [ParseErrorCode.InvalidCommentToken]: 'a comment, expected none (JSON has no comments)',
  [ParseErrorCode.UnexpectedEndOfComment]: 'an unterminated comment, expected none (JSON has no comments)',
  [ParseErrorCode.UnexpectedEndOfString]: 'an unterminated string, expected a closing `"`',
  [ParseErrorCode.UnexpectedEndOfNumber]: 'an unterminated number',
  [ParseErrorCode.InvalidUnicode]: 'a malformed `\\u` escape, expected four hex digits',
  [ParseErrorCode.InvalidEscapeCharacter]: 'an unknown escape, expected one of \\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX',
  [ParseErrorCode.InvalidCharacter]: 'a control character in a string, expected it escaped (e.g. `\\n`)',
};

/** What a syntax error is, in words, and where (a trailing comma is shown at the comma). */
function syntaxProblem(text: string, error: ParseError): { reason: string; offset: number } {
  const { offset } = error;
  if (text.trim() === '') return { reason: 'Input is empty, expected a ninjs item (a JSON object) or a list of them', offset: 0 };
  const here = text.charAt(offset);
  const before = text.slice(0, offset).trimEnd();
  if ((here === '}' || here === ']') && before.endsWith(',')) return { reason: `Invalid JSON: a comma before \`${here}\`, expected none after the last value`, offset: before.length - 1 };
  if (error.error === ParseErrorCode.InvalidSymbol) return { reason: `Invalid JSON: unexpected ${JSON.stringify(here)}, expected a value or punctuation`, offset };
  return { reason: `Invalid JSON: ${expectations[error.error] ?? 'a syntax error'}`, offset };
}

/** The node's value when it is a JSON string. */
export function stringValue(node: JsonNode): string | undefined {
  return node.type === 'string' && typeof node.value === 'string' ? node.value : undefined;
}

/** A short description of a JSON value for messages: `"yesterday"`, `42`, `a list`, `a map`, `null`. */
export function describeJson(node: JsonNode): string {
  switch (node.type) {
    case 'object':
      return 'a map';
    case 'array':
      return 'a list';
    case 'string': {
      const text = String(node.value);
      return JSON.stringify(text.length > 40 ? `${text.slice(0, 39)}…` : text);
    }
    default:
      return String(node.value);
  }
}
