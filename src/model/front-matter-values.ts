import type { VFileMessage } from 'vfile-message';
import { visit, type Node } from 'yaml';
import { problem } from '../report/problem.js';
import type { FrontMatterSource } from './field-problems.js';

/**
 * How many values front-matter aliases (`*name`) may stand for, as `yaml` counts them: a few
 * aliases nesting others ("billion laughs") would otherwise stand for billions.
 */
export const maxAliasCount = 100;

/** The front matter as plain values, or a `yaml-aliases` error at the first alias when its aliases expand too far. */
export function frontMatterValues(source: FrontMatterSource): { readonly data: unknown } | { readonly message: VFileMessage } {
  try {
    return { data: source.document.toJS({ maxAliasCount }) };
  } catch (error) {
    if (!(error instanceof ReferenceError) || !/alias/i.test(error.message)) throw error;
    const alias = firstAlias(source);
    const place = alias?.range ? source.pointAt(source.yamlOffset + alias.range[0]) : { line: 1, column: 1 };
    return {
      message: problem('yaml-aliases', `Front-matter aliases expand to more than ${maxAliasCount} values, expected each value written out (or fewer aliases)`, source.displayPath, place),
    };
  }
}

function firstAlias(source: FrontMatterSource): Node | undefined {
  let found: Node | undefined;
  visit(source.document, {
    Alias(_, alias) {
      found = alias;
      return visit.BREAK;
    },
  });
  return found;
}
