/** The quotation marks and dashes a language's readers expect (see `typographicMarks`). */
export interface TypographicMarks {
  /** The outer quotation marks, opening and closing (English “…”, Russian «…»). */
  readonly double: readonly [open: string, close: string];
  /** The quotation marks of a quote inside a quote (English ‘…’, Russian „…“). */
  readonly single: readonly [open: string, close: string];
  /** The space set inside the outer marks (French: a narrow no-break space), or ''. */
  readonly quoteSpace: string;
  /** What a hyphen or `--` standing alone between spaced words becomes, its spaces included; absent: left as written. */
  readonly spacedDash?: string;
  /** French spacing: the space an author wrote before `;`, `!`, `?` and `:` becomes a no-break one. */
  readonly frenchPunctuation?: true;
}

const nbsp = '\u00A0';
const narrowNbsp = '\u202F';

const english: TypographicMarks = { double: ['“', '”'], single: ['‘', '’'], quoteSpace: '', spacedDash: ' — ' };
const russian: TypographicMarks = { double: ['«', '»'], single: ['„', '“'], quoteSpace: '', spacedDash: `${nbsp}— ` };

// By primary language subtag (a region changes the marks only for Brazilian Portuguese). Languages
// not named take English marks, except those written without spaces between words, whose quotes
// (「…」) are typed as such and whose text the quote-pairing rules cannot read: left as written.
const byLanguage: Readonly<Record<string, TypographicMarks | null>> = {
  en: english,
  ru: russian,
  uk: russian,
  be: russian,
  de: { double: ['„', '“'], single: ['‚', '‘'], quoteSpace: '', spacedDash: ' – ' },
  fr: { double: ['«', '»'], single: ['“', '”'], quoteSpace: narrowNbsp, spacedDash: `${nbsp}– `, frenchPunctuation: true },
  es: { double: ['«', '»'], single: ['“', '”'], quoteSpace: '', spacedDash: ' — ' },
  it: { double: ['«', '»'], single: ['“', '”'], quoteSpace: '', spacedDash: ' – ' },
  pt: { double: ['«', '»'], single: ['“', '”'], quoteSpace: '', spacedDash: ' — ' },
  pl: { double: ['„', '”'], single: ['«', '»'], quoteSpace: '', spacedDash: ' – ' },
  ar: { double: ['«', '»'], single: ['“', '”'], quoteSpace: '' },
  ja: null,
  zh: null,
  ko: null,
};
const brazilian: TypographicMarks = { double: ['“', '”'], single: ['‘', '’'], quoteSpace: '', spacedDash: ' — ' };

/** The marks for a BCP 47 language tag (`fr`, `pt-BR`), or `undefined` for a language whose text is left as written (Chinese, Japanese, Korean). */
export function typographicMarks(lang: string): TypographicMarks | undefined {
  const [primary = '', region = ''] = lang.toLowerCase().split(/[-_]/);
  if (primary === 'pt' && region === 'br') return brazilian;
  const marks = byLanguage[primary];
  return marks === null ? undefined : (marks ?? english);
}

/**
 * Set the dashes of a piece of text: `---` an em dash; `--` between digits an en dash (`1990–1995`);
 * a hyphen or `--` alone between spaced words the language's spaced dash; any other `--` an em dash.
 * Hyphens between digits (`2-1`, `2026-12-06`) and in words stay.
 */
export function setDashes(text: string, marks: TypographicMarks): string {
  // Each pattern is tried only on text that holds its marks: most text has no dash to set.
  const doubled = text.includes('--');
  let result = doubled ? text.replace(/---/g, '—').replace(/(?<=\d)--(?=\d)/g, '–') : text;
  if (marks.spacedDash !== undefined && mayHoldSpacedDash(result)) {
    const spaced = marks.spacedDash;
    result = result.replace(/(?<=\S)[ \u00A0](?:--|-|—)[ \u00A0](?=\S)/g, (found, offset: number, whole: string) =>
      /\d/.test(whole.charAt(offset - 1)) && /\d/.test(whole.charAt(offset + found.length)) ? found : spaced,
    );
  }
  // A spaced dash is set as the language's, which holds no `--`: without one at first, there is none left.
  return doubled ? result.replace(/--/g, '—') : result;
}

/** Whether a space or no-break space comes before a hyphen or em dash somewhere in `text`: where a spaced dash can be. */
function mayHoldSpacedDash(text: string): boolean {
  return text.includes(' -') || text.includes(' —') || text.includes('\u00A0-') || text.includes('\u00A0—');
}

/** Three dots, written together or spaced (`...`, `. . .`), as an ellipsis (…). */
export function setEllipses(text: string): string {
  return text.includes('..') || text.includes('. .') ? text.replace(/\.\.\.|\. \. \./g, '…') : text;
}

/**
 * French spacing: a narrow no-break space inside « and », and in place of the space written before
 * `;`, `!` and `?`; a no-break space in place of the one written before `:`.
 */
export function setFrenchPunctuation(text: string): string {
  return text
    .replace(/«[ \u00A0\u202F]*/g, `«${narrowNbsp}`)
    .replace(/[ \u00A0\u202F]*»/g, `${narrowNbsp}»`)
    .replace(/[ \u00A0\u202F]+(?=[;!?])/g, narrowNbsp)
    .replace(/ +(?=:)/g, nbsp);
}
