import { formatterTable } from '../src/text/formatter-table.js';

/** Right-to-left scripts, by ISO 15924 code, for engines whose `Intl.Locale` does not tell. */
const rightToLeftScripts = new Set(['Arab', 'Hebr', 'Thaa', 'Syrc', 'Nkoo', 'Adlm', 'Rohg', 'Mand', 'Samr']);

/** The writing direction of a language tag (`rtl` for Arabic, Hebrew, Persian, Urdu…), `ltr` when unknown. */
export function textDirection(language: string): 'ltr' | 'rtl' {
  return directionOf(language);
}

// Kept by tag (see `formatterTable`): `Intl.Locale#maximize` is slow, and every card of a story in another language asks.
const directionOf = formatterTable((language: string): 'ltr' | 'rtl' => {
  try {
    const script = new Intl.Locale(language).maximize().script;
    return script && rightToLeftScripts.has(script) ? 'rtl' : 'ltr';
  } catch {
    // Not a language tag: left to right.
    return 'ltr';
  }
});
