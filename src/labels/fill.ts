import type { Element } from 'hast';
import { formatterTable } from '../text/formatter-table.js';
import type { PluralLabelKey, TextLabelKey } from './keys.js';
import type { LabelSet } from './select.js';

const placeholder = /\{(\w+)\}/g;

/** A plain label with its `{placeholders}` filled from `values` (a placeholder without a value stays as written). */
export function label(labels: LabelSet, key: TextLabelKey, values: Readonly<Record<string, string | number>> = {}): string {
  return labels.words[key].replace(placeholder, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/**
 * A plain label as parts to put in an element: its text with each `{placeholder}` replaced by the
 * element or text given for it (`Updated {date}` with a `<time>`).
 */
export function labelParts(labels: LabelSet, key: TextLabelKey, values: Readonly<Record<string, string | Element>>): (string | Element)[] {
  const parts: (string | Element)[] = [];
  let last = 0;
  for (const match of labels.words[key].matchAll(placeholder)) {
    const name = match[1] ?? '';
    const value = values[name];
    if (value === undefined) continue;
    if (match.index > last) parts.push(labels.words[key].slice(last, match.index));
    parts.push(value);
    last = match.index + match[0].length;
  }
  if (last < labels.words[key].length) parts.push(labels.words[key].slice(last));
  return parts;
}

/**
 * A counted label in the form the language's plural rules pick for `count` (`Intl.PluralRules`:
 * `1 материал`, `3 материала`, `5 материалов`), `other` when the set has no such form, with
 * `{count}` written as the language writes numbers.
 */
export function countLabel(labels: LabelSet, key: PluralLabelKey, count: number): string {
  const forms = labels.words[key];
  const category = rulesFor(labels.locale).select(count);
  const text = forms[category] ?? forms.other;
  return text.replace(placeholder, (whole, name: string) => (name === 'count' ? numberFormatFor(labels.locale).format(count) : whole));
}

// The plural rules and number format of each language (see `formatterTable`).
const rulesFor = formatterTable((locale: string): Intl.PluralRules => {
  try {
    return new Intl.PluralRules(locale);
  } catch {
    return new Intl.PluralRules('en');
  }
});

const numberFormatFor = formatterTable((locale: string): Intl.NumberFormat => {
  try {
    return new Intl.NumberFormat(locale, { useGrouping: false });
  } catch {
    return new Intl.NumberFormat('en', { useGrouping: false });
  }
});
