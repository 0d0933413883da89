import { importProblem } from './imported-story.js';
import { type Field, type ReadContext, members } from './ninjs-fields.js';
import { reportRepeated } from './ninjs-left-out.js';

/**
 * The item fields the importer reads (lower case; ninjs 1, 2 and 3 spellings), and those that only
 * describe the format (`$schema`, `standard`, `representationtype`) and hold no copy.
 */
const readFields: ReadonlySet<string> = new Set([
  ...['uri', 'version', 'type', 'headlines', 'headline', 'firstcreated', 'versioncreated', 'embargoed', 'embargoeduntil', 'pubstatus', 'urgency'],
  ...['located', 'copyrightholder', 'by', 'byline', 'bylines', 'slugline', 'language', 'subjects', 'subject', 'keywords', 'descriptions', 'description_text'],
  ...['description_html', 'bodies', 'body_html', 'body_xhtml', 'body_text', 'associations'],
  ...['$schema', 'standard', 'representationtype'],
]);

/**
 * Warn, once per item and by name, about the fields of a story item that no story field takes
 * (`ednote`, `people`, `genres`…), and about each read field that the item gives again later.
 */
export function reportUnmapped(context: ReadContext, item: Field): void {
  reportRepeated(context, item, (name) => readFields.has(name));
  const entries = members(item);
  // `copyrightholder` is the dateline's agency, so it is taken only with `located`.
  const located = entries.some((entry) => entry.name.toLowerCase() === 'located');
  const unmapped = entries.filter((entry) => {
    const name = entry.name.toLowerCase();
    return !readFields.has(name) || (name === 'copyrightholder' && !located);
  });
  const [first] = unmapped;
  if (!first) return;
  const where = item.pointer === '' ? 'Item' : `Item \`${item.pointer}\``;
  const names = [...new Set(unmapped.map((entry) => `\`${entry.name}\``))].join(', ');
  const one = unmapped.length === 1;
  const reason = `${where} has ${one ? 'a field that is' : 'fields that are'} not imported: ${names}; ${one ? 'its value is' : 'their values are'} left out, expected only the fields listed in docs/importing.md (copy what matters by hand)`;
  context.problems.push(importProblem('import-dropped', reason, context.input.name, context.place(first.field.node.offset)));
}
