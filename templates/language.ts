/** Right-to-left scripts, by ISO 15924 code, for engines whose `Intl.Locale` does not tell. */
const rightToLeftScripts = new Set(['Arab', 'Hebr', 'Thaa', 'Syrc', 'Nkoo', 'Adlm', 'Rohg', 'Mand', 'Samr']);

const directions = new Map<string, 'ltr' | 'rtl'>();

/** The writing direction of a language tag (`rtl` for Arabic, Hebrew, Persian, Urdu…), `ltr` when unknown. */
export function textDirection(language: string): 'ltr' | 'rtl' {
  let direction = directions.get(language);
  if (!direction) {
    direction = 'ltr';
    try {
      const script = new Intl.Locale(language).maximize().script;
      if (script && rightToLeftScripts.has(script)) direction = 'rtl';
    } catch {
      // Not a language tag: left to right.
    }
    directions.set(language, direction);
  }
  return direction;
}
