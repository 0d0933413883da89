import type { VFileMessage } from 'vfile-message';
import type { DateTime, Point } from '../model/article.js';
import { parseDateTime } from '../text/datetime.js';
import { importProblem, type ImportInput } from './imported-story.js';
import { describeJson, type JsonNode } from './ninjs-json.js';

/** Where problems of one input go, and how offsets become `line:column`. */
export interface ReadContext {
  readonly input: ImportInput;
  readonly place: (offset: number) => Point;
  readonly problems: VFileMessage[];
  /** IANA zone for date-times written without a UTC offset (none: they are errors, as ninjs requires an offset). */
  readonly timezone?: string | undefined;
}

/** A JSON value with its path for messages, e.g. `headlines[0].value` (`[2].uri` in a list of items). */
export interface Field {
  readonly node: JsonNode;
  readonly pointer: string;
}

/** The path of a member `name` of the value at `pointer`. */
function memberPointer(pointer: string, name: string): string {
  return pointer === '' ? name : `${pointer}.${name}`;
}

/**
 * The member of a map named `name`, compared ignoring case so that ninjs 2 (`versioncreated`) and
 * ninjs 3 (`versionCreated`) names both match; of repeated names the last wins, as in `JSON.parse`.
 */
export function member(map: Field, name: string): Field | undefined {
  return members(map).findLast((entry) => entry.name.toLowerCase() === name.toLowerCase())?.field;
}

/** The first of `names` that the map has (see `member`). */
export function firstMember(map: Field, names: readonly string[]): Field | undefined {
  for (const name of names) {
    const found = member(map, name);
    if (found) return found;
  }
  return undefined;
}

/** Every member of a map, in order, with its name as written. */
export function members(map: Field): { readonly name: string; readonly field: Field }[] {
  if (map.node.type !== 'object') return [];
  return (map.node.children ?? []).flatMap((property) => {
    const [key, value] = property.children ?? [];
    if (!key || !value || typeof key.value !== 'string') return [];
    return [{ name: key.value, field: { node: value, pointer: memberPointer(map.pointer, key.value) } }];
  });
}

/** Report that a field has a value of the wrong kind: `` `urgency` is "high", expected … ``. */
export function invalid(context: ReadContext, field: Field, expected: string): undefined {
  const reason = `\`${field.pointer}\` is ${describeJson(field.node)}, expected ${expected}`;
  context.problems.push(importProblem('import-invalid-field', reason, context.input.name, context.place(field.node.offset)));
  return undefined;
}

/** Report a required field that an item lacks, at the item's opening brace. */
export function missing(context: ReadContext, item: Field, reason: string): undefined {
  const where = item.pointer === '' ? 'Item' : `Item \`${item.pointer}\``;
  context.problems.push(importProblem('import-missing-field', `${where} ${reason}`, context.input.name, context.place(item.node.offset)));
  return undefined;
}

/** Report something the import leaves out on purpose (a warning). */
export function dropped(context: ReadContext, field: Field, reason: string): void {
  context.problems.push(importProblem('import-dropped', `\`${field.pointer}\` ${reason}`, context.input.name, context.place(field.node.offset)));
}

/** The items of a list, each with its path; reports and returns undefined when it is not a list. */
export function listOf(context: ReadContext, field: Field, expected: string): Field[] | undefined {
  if (field.node.type !== 'array') return invalid(context, field, expected);
  return (field.node.children ?? []).map((node, index) => ({ node, pointer: `${field.pointer}[${index}]` }));
}

/** True for a map; reports and returns false otherwise. */
export function isMap(context: ReadContext, field: Field, expected: string): boolean {
  if (field.node.type === 'object') return true;
  invalid(context, field, expected);
  return false;
}

/**
 * A string field as clean text (control characters removed, ends trimmed), undefined when it is
 * absent or blank; reports a value that is not a string.
 */
export function textOf(context: ReadContext, field: Field | undefined, expected = 'text'): string | undefined {
  if (!field) return undefined;
  if (field.node.type !== 'string' || typeof field.node.value !== 'string') return invalid(context, field, expected);
  const text = cleanText(field.node.value);
  return text === '' ? undefined : text;
}

/** Text on one line: runs of white space (line breaks included) become one space. */
export function oneLine(text: string | undefined): string | undefined {
  return text?.replace(/\s+/g, ' ').trim() || undefined;
}

/** Text without control characters (tab and line feed kept, CR LF made LF), ends trimmed. */
export function cleanText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g, '')
    .trim();
}

const dateExample = 'such as 2024-03-05T14:03:00+01:00';

/**
 * A date-time field (ISO 8601 with a UTC offset, as ninjs requires, or placed in the context's
 * time zone); reports anything else, a bare day included.
 */
export function dateTimeOf(context: ReadContext, field: Field | undefined): DateTime | undefined {
  const text = textOf(context, field, `an ISO 8601 date-time ${dateExample}`);
  if (!field || text === undefined) return undefined;
  const result = parseDateTime(text, context.timezone);
  if (result.ok) return result.value.dateOnly ? invalid(context, field, `an ISO 8601 date-time ${dateExample}`) : result.value;
  const expected = result.problem.rule === 'date-without-offset' ? `an ISO 8601 date-time with a UTC offset ("Z" or "+01:00") at its end, ${dateExample}` : `an ISO 8601 date-time ${dateExample}`;
  return invalid(context, field, expected);
}

/** A whole-number field from `min` to `max` (a string of digits is taken too); reports anything else. */
export function integerOf(context: ReadContext, field: Field | undefined, min: number, max: number, expected: string, allowText = false): number | undefined {
  if (!field) return undefined;
  const { node } = field;
  const value = node.type === 'number' ? node.value : allowText && node.type === 'string' && /^\s*\d{1,15}\s*$/.test(String(node.value)) ? Number(node.value) : undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) return invalid(context, field, expected);
  return value;
}
