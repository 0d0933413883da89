import type { SiteConfig } from '../model/config.js';
import { memoSlot, type RenderMemo } from '../model/render-memo.js';
import type { Labels } from './keys.js';
import { labelLanguageOf, labelSets } from './sets.js';

/** The interface texts of one page: its language (for plural rules, numbers and dates) and its words. */
export interface LabelSet {
  /** The page's BCP 47 language tag. */
  readonly locale: string;
  readonly words: Labels;
}

// Label sets a memo keeps, by config and language: every page of a language shares one object,
// so fragments serialized once (the header) can be keyed by it. Configs are immutable values.
const made = memoSlot(() => new WeakMap<SiteConfig, Map<string, LabelSet>>());

/**
 * The labels of a page in `language` (the site's when omitted): the built-in set its primary
 * subtag picks, with the site's `labels` over it when that set is the site language's own (the
 * owner wrote them in the site's language; a story in another language keeps its built-in set).
 * With a `memo` (the build's), the same object each time for one config and language.
 */
export function labelSetFor(config: SiteConfig, language: string = config.language, memo?: RenderMemo): LabelSet {
  if (!memo) return labelSetOf(config, language);
  const byConfig = memo.get(made);
  let byLanguage = byConfig.get(config);
  if (!byLanguage) byConfig.set(config, (byLanguage = new Map()));
  let set = byLanguage.get(language);
  if (!set) {
    set = labelSetOf(config, language);
    byLanguage.set(language, set);
  }
  return set;
}

function labelSetOf(config: SiteConfig, language: string): LabelSet {
  const picked = labelLanguageOf(language);
  // Most sites set no labels: their pages and cards share the built-in set, copied for none.
  const own = picked === labelLanguageOf(config.language) && Object.keys(config.labels).length > 0;
  return { locale: language, words: own ? { ...labelSets[picked], ...config.labels } : labelSets[picked] };
}
