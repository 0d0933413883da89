import type { SiteConfig } from '../model/config.js';
import type { Labels } from './keys.js';
import { labelLanguageOf, labelSets } from './sets.js';

/** The interface texts of one page: its language (for plural rules, numbers and dates) and its words. */
export interface LabelSet {
  /** The page's BCP 47 language tag. */
  readonly locale: string;
  readonly words: Labels;
}

// Label sets made for a config, by language: every page of a language shares one object, so
// fragments serialized once (the header) can be keyed by it. Configs are immutable values.
const made = new WeakMap<SiteConfig, Map<string, LabelSet>>();

/**
 * The labels of a page in `language` (the site's when omitted): the built-in set its primary
 * subtag picks, with the site's `labels` over it when that set is the site language's own (the
 * owner wrote them in the site's language; a story in another language keeps its built-in set).
 */
export function labelSetFor(config: SiteConfig, language: string = config.language): LabelSet {
  let byLanguage = made.get(config);
  if (!byLanguage) made.set(config, (byLanguage = new Map()));
  let set = byLanguage.get(language);
  if (!set) {
    const picked = labelLanguageOf(language);
    const own = picked === labelLanguageOf(config.language);
    set = { locale: language, words: own ? { ...labelSets[picked], ...config.labels } : labelSets[picked] };
    byLanguage.set(language, set);
  }
  return set;
}
