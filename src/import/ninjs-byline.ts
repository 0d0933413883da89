import { type Field, type ReadContext, cleanText, dropped, firstMember, member, oneLine, textOf } from './ninjs-fields.js';
import { stringValue } from './ninjs-json.js';
import { takenMember } from './ninjs-left-out.js';

/**
 * The names in a ninjs 2/3 `bylines` list (each entry's `byline`, else `name`, else `displayname`),
 * reporting entries that have none as left out; undefined (reported) when it is not a list.
 */
function bylineNames(context: ReadContext, list: Field): string[] | undefined {
  if (list.node.type !== 'array') {
    dropped(context, list, 'is left out: expected a list of maps with a `byline` or `name` (copy what matters by hand)');
    return undefined;
  }
  return (list.node.children ?? []).flatMap((node, index) => {
    const entry = { node, pointer: `${list.pointer}[${index}]` };
    const name = firstMember(entry, ['byline', 'name', 'displayname']);
    const text = name && stringValue(name.node);
    const clean = text === undefined ? undefined : oneLine(cleanText(text));
    if (clean !== undefined) return [clean];
    dropped(context, entry, 'has no `byline` or `name` to show; it is left out (copy what matters by hand)');
    return [];
  });
}

/**
 * The story's byline: `by` (ninjs 1: `byline`), else the names of `bylines` joined by commas;
 * `bylines` with a name that `by` does not include is reported as left out.
 */
export function bylineOf(context: ReadContext, item: Field): string | undefined {
  const byField = takenMember(context, item, ['by', 'byline'], 'one byline');
  const by = oneLine(textOf(context, byField));
  const list = member(item, 'bylines');
  const names = list && bylineNames(context, list);
  if (!list || !names || names.length === 0) return by;
  if (by === undefined || !byField) return names.join(', ');
  const shown = by.toLowerCase();
  if (!names.every((name) => shown.includes(name.toLowerCase()))) dropped(context, list, `is left out: a story keeps one byline, \`${byField.pointer}\` (copy what matters by hand)`);
  return by;
}
