import { isScalar, visit, type Document, type Scalar } from 'yaml';

/**
 * The keys of `document` written a second time in their map (nested maps included), in the order
 * of the text. `yaml`'s own `uniqueKeys` check compares each key with every one before it, which
 * takes minutes on front matter with tens of thousands of keys: this takes one set per map.
 */
export function duplicateKeys(document: Document.Parsed): Scalar[] {
  const found: Scalar[] = [];
  visit(document, {
    Map(_, map) {
      const seen = new Set<unknown>();
      for (const { key } of map.items) {
        if (!isScalar(key)) continue;
        if (seen.has(key.value)) found.push(key);
        else seen.add(key.value);
      }
    },
  });
  return found.sort((a, b) => (a.range?.[0] ?? 0) - (b.range?.[0] ?? 0));
}
