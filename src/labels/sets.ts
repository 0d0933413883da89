import { arabicLabels } from './ar.js';
import { germanLabels } from './de.js';
import { englishLabels } from './en.js';
import { spanishLabels } from './es.js';
import { frenchLabels } from './fr.js';
import type { Labels } from './keys.js';
import { russianLabels } from './ru.js';

/** The built-in label sets, by the primary language subtag that picks them. */
export const labelSets = {
  en: englishLabels,
  ru: russianLabels,
  es: spanishLabels,
  fr: frenchLabels,
  de: germanLabels,
  ar: arabicLabels,
} as const satisfies Readonly<Record<string, Labels>>;

/** A language that has a built-in label set. */
export type LabelLanguage = keyof typeof labelSets;

/** The built-in set a language tag picks by its primary subtag (`ru-RU` → `ru`), English when there is none. */
export function labelLanguageOf(language: string): LabelLanguage {
  const primary = language.split(/[-_]/)[0]?.toLowerCase() ?? '';
  return primary in labelSets ? (primary as LabelLanguage) : 'en';
}
