import { importProblem, type ImportedStory, type Importer } from './imported-story.js';
import { type Field, type ReadContext, dropped } from './ninjs-fields.js';
import { identityOf, isStoryItem, storyOf, type ItemIdentity } from './ninjs-item.js';
import { describeJson, readJson } from './ninjs-json.js';
import { reportUnmapped } from './ninjs-unmapped.js';

/**
 * The IPTC ninjs importer: one JSON file holds one item (a map) or a list of them, in ninjs 1.x,
 * 2.x (lower-case names such as `versioncreated`) or 3.x (camelCase such as `versionCreated`).
 * Each `text` or `composite` item becomes a story; an item repeated in the input (same `uri`) is
 * imported once, in its newest `version`. Problems point at the value they are about
 * (`item.json:12:20`) and name it by its path (`headlines[0].value`, `[2].urgency` in a list).
 */
export const importNinjs: Importer = (input, existing, settings = {}) => {
  const reading = readJson(input.text);
  if (!reading.ok) return { stories: [], problems: [importProblem('import-malformed', reading.reason, input.name, reading.point)] };
  const context: ReadContext = { input, place: reading.place, problems: [], timezone: settings.timezone };
  const items = itemsOf(context, { node: reading.root, pointer: '' });
  const read = items.flatMap((item) => (isStoryItem(context, item) ? [{ item, identity: identityOf(context, item) }] : []));
  const newest = newestByUri(context, read);
  const stories: ImportedStory[] = [];
  const taken = new Set<string>();
  for (const { item, identity } of read) {
    if (identity && newest.get(identity.uri) !== item) continue;
    const story = storyOf(context, item, identity, existing, taken);
    if (!story) continue;
    reportUnmapped(context, item);
    stories.push(story);
    taken.add(story.id);
  }
  return { stories, problems: context.problems };
};

/** The items of the input: the root map, or the maps of a root list (other values are reported). */
function itemsOf(context: ReadContext, root: Field): Field[] {
  if (root.node.type === 'object') return [root];
  const expected = 'a ninjs item (a JSON object) or a list of them';
  if (root.node.type !== 'array') {
    context.problems.push(importProblem('import-malformed', `Input is ${describeJson(root.node)}, expected ${expected}`, context.input.name, context.place(root.node.offset)));
    return [];
  }
  return (root.node.children ?? []).flatMap((node, index) => {
    if (node.type === 'object') return [{ node, pointer: `[${index}]` }];
    const reason = `\`[${index}]\` is ${describeJson(node)}, expected a ninjs item (a JSON object)`;
    context.problems.push(importProblem('import-malformed', reason, context.input.name, context.place(node.offset)));
    return [];
  });
}

/**
 * For each uri, the item to import: the one with the highest `version` (of equals, the later in
 * the input); the others are reported as skipped.
 */
function newestByUri(context: ReadContext, read: readonly { item: Field; identity: ItemIdentity | undefined }[]): Map<string, Field> {
  const newest = new Map<string, { item: Field; version: number }>();
  for (const { item, identity } of read) {
    if (!identity) continue;
    const version = identity.version ?? -1;
    const earlier = newest.get(identity.uri);
    if (earlier && earlier.version > version) {
      dropped(context, item, `repeats the uri ${JSON.stringify(identity.uri)} of \`${earlier.item.pointer}\`, whose version is newer; this one is skipped`);
      continue;
    }
    if (earlier) dropped(context, earlier.item, `repeats the uri ${JSON.stringify(identity.uri)} of \`${item.pointer}\`, whose version is newer or the same and comes later; this one is skipped`);
    newest.set(identity.uri, { item, version });
  }
  return new Map([...newest].map(([uri, { item }]) => [uri, item]));
}
