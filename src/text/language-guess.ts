import { createRequire } from 'node:module';
import { formatterTable } from './formatter-table.js';

// A story without `lang` is shown in the site's language. When its text is plainly written in
// another script (a Russian story on an English site, an English one on a Japanese site), it is
// not: the guess names the language, which the story page then declares (its `lang`, its
// interface words), and the build says so, so that the desk can set `lang:` itself. The script
// decides whether to guess at all (exact, from Unicode); franc (from the unified collective)
// chooses among the languages written in that script.

// franc is loaded when a story first needs it (`require` of an ES module, which Node ≥ 20.19 does at
// once; Node keeps it loaded): loading it builds its trigram tables of every language, 15–20 ms and
// some 25,000 objects, which every build would pay at start for the few stories plainly in another script.
const loadPackage = createRequire(import.meta.url);

/** franc (see above). */
function franc(...args: Parameters<typeof import('franc-min').franc>): string {
  return (loadPackage('franc-min') as typeof import('franc-min')).franc(...args);
}

/** Letters read of a story to tell its script: enough for a headline and a paragraph. */
const sampledLetters = 600;
/** The share of those letters in one other script from which a story is plainly in it. */
const plainShare = 0.8;

/** What franc may choose for a script, in ISO 639-3, with the BCP 47 tag each is shown as; or the one language a script is written in. */
const languagesOfScript: Readonly<Record<string, string | Readonly<Record<string, string>>>> = {
  Latn: { eng: 'en', spa: 'es', fra: 'fr', deu: 'de', por: 'pt', ita: 'it', nld: 'nl', pol: 'pl', tur: 'tr', ind: 'id', vie: 'vi', ces: 'cs', ron: 'ro', swe: 'sv', hun: 'hu' },
  Cyrl: { rus: 'ru', ukr: 'uk', bel: 'be', bul: 'bg', srp: 'sr', mkd: 'mk', kaz: 'kk' },
  Arab: { arb: 'ar', pes: 'fa', urd: 'ur' },
  Deva: { hin: 'hi', mar: 'mr', nep: 'ne' },
  Jpan: 'ja',
  Hani: 'zh',
  Hang: 'ko',
  Grek: 'el',
  Hebr: 'he',
  Thai: 'th',
  Armn: 'hy',
  Geor: 'ka',
};

/** Each script a story may be told to be in, as one pattern: kana before Han, so a Japanese text counts as Japanese. */
const scriptPatterns: readonly (readonly [script: string, pattern: RegExp])[] = [
  ['Latn', /\p{Script=Latn}/u],
  ['Cyrl', /\p{Script=Cyrl}/u],
  ['Arab', /\p{Script=Arab}/u],
  ['Deva', /\p{Script=Deva}/u],
  ['Jpan', /[\p{Script=Hira}\p{Script=Kana}]/u],
  ['Hani', /\p{Script=Hani}/u],
  ['Hang', /\p{Script=Hang}/u],
  ['Grek', /\p{Script=Grek}/u],
  ['Hebr', /\p{Script=Hebr}/u],
  ['Thai', /\p{Script=Thai}/u],
  ['Armn', /\p{Script=Armn}/u],
  ['Geor', /\p{Script=Geor}/u],
];

const letter = /\p{L}/u;

/** The script of one character when it is a letter (`Latn`, `Cyrl`…, `other`), else undefined; ASCII without a regular expression. */
function scriptOfLetter(char: string): string | undefined {
  const code = char.charCodeAt(0);
  if (code < 128) {
    const lower = code | 32;
    return lower >= 97 && lower <= 122 ? 'Latn' : undefined;
  }
  if (!letter.test(char)) return undefined;
  return scriptPatterns.find(([, pattern]) => pattern.test(char))?.[0] ?? 'other';
}

/** A guess: the language tag, and the script that made it plain (`Cyrl`, `Jpan`…). */
export interface LanguageGuess {
  readonly lang: string;
  readonly script: string;
}

/**
 * The language `text` is plainly written in when that is not the script of `siteLanguage` (a BCP 47
 * tag): at least 80 % of its first letters in one other script. Undefined when the text is in the
 * site's script, mixed, too short, or in a script this does not tell (then the site's language stands).
 */
export function guessLanguage(text: string, siteLanguage: string): LanguageGuess | undefined {
  const siteScript = scriptOfLanguage(siteLanguage);
  const counts = new Map<string, number>();
  let letters = 0;
  let inSiteScript = 0;
  for (const char of text) {
    const script = scriptOfLetter(char);
    if (script === undefined) continue;
    counts.set(script, (counts.get(script) ?? 0) + 1);
    // So many letters in the site's script that no other can hold 80 % of the sample: a story in the site's script, told early.
    if (sameScript(script, siteScript) && ++inSiteScript > sampledLetters * (1 - plainShare)) return undefined;
    if (++letters >= sampledLetters) break;
  }
  if (letters < 20) return undefined;
  // A Japanese text mixes kana and Han: both count as Japanese when there is kana at all.
  const kana = counts.get('Jpan') ?? 0;
  if (kana > 0) {
    counts.set('Jpan', kana + (counts.get('Hani') ?? 0));
    counts.delete('Hani');
  }
  const [script, count] = [...counts].reduce((best, entry) => (entry[1] > best[1] ? entry : best), ['other', 0] as [string, number]);
  if (count / letters < plainShare || script === 'other' || sameScript(script, siteScript)) return undefined;
  const languages = languagesOfScript[script];
  if (languages === undefined) return undefined;
  if (typeof languages === 'string') return { lang: languages, script };
  const chosen = franc(text.slice(0, 400), { only: Object.keys(languages), minLength: 10 });
  const lang = languages[chosen];
  return lang === undefined ? undefined : { lang, script };
}

/** The script a language is written in (`Intl.Locale`'s likely subtags: `ru` → `Cyrl`, `ja` → `Jpan`, `zh-TW` → `Hant`), kept per tag (see `formatterTable`). */
const scriptOfLanguage = formatterTable((tag: string): string | undefined => {
  try {
    return new Intl.Locale(tag).maximize().script;
  } catch {
    return undefined;
  }
});

/** Whether a script found in the text is the one the site's language is written in (Chinese in either form is Han). */
function sameScript(found: string, site: string | undefined): boolean {
  if (site === undefined) return true;
  if (found === 'Hani') return site === 'Hans' || site === 'Hant' || site === 'Hani' || site === 'Jpan';
  if (found === 'Hang') return site === 'Kore' || site === 'Hang';
  return found === site;
}
