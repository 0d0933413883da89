import type { SiteConfig } from '../model/config.js';
import type { Labels } from './keys.js';
import { labelLanguageOf, labelSets } from './sets.js';

/** The interface texts of one page: its language (for plural rules, numbers and dates) and its words. */
export interface LabelSet {
  /** The page's BCP 47 language tag. */
  readonly locale: string;
  readonly words: Labels;
}

/**
 * The labels of a page in `language` (the site's when omitted): the built-in set its primary
 * subtag picks, with the site's `labels` over it when that set is the site language's own (the
 * owner wrote them in the site's language; a story in another language keeps its built-in set).
 * A function of the config and the language alone: fragments kept for a config (the header) are
 * keyed by the language.
 */
export function labelSetFor(config: SiteConfig, language: string = config.language): LabelSet {
  const picked = labelLanguageOf(language);
  const own = picked === labelLanguageOf(config.language);
  const site = config.labels;
  return { locale: language, words: own && Object.keys(site).length > 0 ? { ...labelSets[picked], ...site } : labelSets[picked] };
}
