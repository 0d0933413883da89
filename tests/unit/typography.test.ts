import type { Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { bodyToHtml, prepareBodies } from '../../src/model/body.js';
import { bodyPieces } from '../../src/model/body-html.js';
import { typesetBody, typesetText } from '../../src/plugins/typography.js';

const markdown = unified().use(remarkParse);
const parse = (text: string): Root => markdown.parse(text);
const typesetMarkdown = (text: string, lang: string): Root => {
  const tree = parse(text);
  typesetBody(tree, lang);
  return tree;
};
const nnbsp = '\u202F';
const nbsp = '\u00A0';

describe('typesetText', () => {
  it.each([
    ['en', "He said \"it's 'fine' now\".", 'He said “it’s ‘fine’ now”.'],
    ['ru', 'Он сказал: "Это \'тест\'".', 'Он сказал: «Это „тест“».'],
    ['de', 'Er sagte: "Das ist \'gut\'".', 'Er sagte: „Das ist ‚gut‘“.'],
    ['fr', 'Il a dit "bonjour \'ami\'".', `Il a dit «${nnbsp}bonjour “ami”${nnbsp}».`],
    ['es', 'Dijo "hola \'amigo\'".', 'Dijo «hola “amigo”».'],
    ['ar', 'قال "مرحبا" اليوم', 'قال «مرحبا» اليوم'],
  ])('should set the quotes of %s, nested quotes included', (lang, written, typeset) => {
    expect(typesetText(written, lang)).toBe(typeset);
  });

  it('should take the marks from the primary subtag, with Brazilian Portuguese apart', () => {
    expect(typesetText('"Olá"', 'pt-PT')).toBe('«Olá»');
    expect(typesetText('"Olá"', 'pt-BR')).toBe('“Olá”');
    expect(typesetText('"Hi"', 'en-GB')).toBe('“Hi”');
  });

  it('should leave Chinese, Japanese and Korean text as written', () => {
    expect(typesetText('彼は"こんにちは"と言った -- はい', 'ja')).toBe('彼は"こんにちは"と言った -- はい');
  });

  it('should make apostrophes ’ in every language, a German closing ‘ only where a quote was opened', () => {
    expect(typesetText("Hans' Buch und 'das' Haus", 'de')).toBe('Hans’ Buch und ‚das‘ Haus');
    expect(typesetText("l'homme à l'État", 'fr')).toBe('l’homme à l’État');
    expect(typesetText("the students' books in the '80s, don't", 'en')).toBe('the students’ books in the ’80s, don’t');
  });

  it('should set dashes by the language: em for ---, en between digits, the spaced dash of the language between words', () => {
    expect(typesetText('yes --- no, 1990--1995, word--word', 'en')).toBe('yes — no, 1990–1995, word—word');
    expect(typesetText('Москва - столица', 'ru')).toBe(`Москва${nbsp}— столица`);
    expect(typesetText('Berlin - die Hauptstadt', 'de')).toBe('Berlin – die Hauptstadt');
    expect(typesetText('Paris -- la capitale', 'fr')).toBe(`Paris${nbsp}– la capitale`);
    expect(typesetText('Moscow - the capital', 'en')).toBe('Moscow — the capital');
  });

  it('should set a spaced dash written after a no-break space or as an em dash, and dashes in a text with no doubled hyphen', () => {
    expect(typesetText(`Moscow${nbsp}- the capital`, 'en')).toBe('Moscow — the capital');
    expect(typesetText('Москва — столица', 'ru')).toBe(`Москва${nbsp}— столица`);
    expect(typesetText(`Berlin -${nbsp}die Hauptstadt`, 'de')).toBe('Berlin – die Hauptstadt');
    expect(typesetText('yes - no... and well-known', 'en')).toBe('yes — no… and well-known');
  });

  it('should leave hyphens in words, scores and dates alone', () => {
    expect(typesetText('a well-known 2-1 win on 2026-12-06, won 3 - 1', 'en')).toBe('a well-known 2-1 win on 2026-12-06, won 3 - 1');
  });

  it('should turn three dots into an ellipsis', () => {
    expect(typesetText('Wait... what', 'en')).toBe('Wait… what');
  });

  it('should give French its no-break spaces before ; ! ? and : and inside « »', () => {
    expect(typesetText('Vraiment ? Oui ! Note : « fin »', 'fr')).toBe(`Vraiment${nnbsp}? Oui${nnbsp}! Note${nbsp}: «${nnbsp}fin${nnbsp}»`);
  });

  it('should leave bare URLs as written', () => {
    expect(typesetText("See https://example.com/a--b/x...y?q='z'&r=1... or www.example.org/it's--here \"now\"", 'en')).toBe(
      "See https://example.com/a--b/x...y?q='z'&r=1… or www.example.org/it's--here “now”",
    );
  });

  it('should leave a lone quote between spaces as written, and keep a quotation open when it runs on into the next paragraph', () => {
    expect(typesetText('a " b and 5 \' 6', 'en')).toBe('a " b and 5 \' 6');
    expect(toString(typesetMarkdown('"The first paragraph of a long quote.\n\n"And its end."', 'en'))).toBe('“The first paragraph of a long quote.“And its end.”');
  });

  it('should give the same text when typeset twice', () => {
    for (const lang of ['en', 'ru', 'fr', 'de']) {
      const once = typesetText("He said \"it's 'fine' now\" - yes... 1990--95 ? ok", lang);
      expect(typesetText(once, lang)).toBe(once);
    }
  });
});

describe('typesetBody', () => {
  it('should pair quotes across emphasis and links', () => {
    const tree = typesetMarkdown('He said "*very* [fine](https://x.example/)" and \'so\' on.', 'en');
    expect(toString(tree)).toBe('He said “very fine” and ‘so’ on.');
  });

  it('should set headings and table-free paragraphs alike, each block opening fresh', () => {
    expect(toString(typesetMarkdown('# "Quoted" head\n\n"Start" of a paragraph', 'ru'))).toBe('«Quoted» head«Start» of a paragraph');
  });

  it('should leave code spans and code blocks as written', () => {
    const tree = typesetMarkdown('Run `say "hi" --- now...` "here"\n\n```\nprint("a" -- \'b\')\n```', 'en');
    const [paragraph, code] = tree.children;
    expect(toString(paragraph)).toBe('Run say "hi" --- now... “here”');
    expect(code).toMatchObject({ type: 'code', value: 'print("a" -- \'b\')' });
  });

  it('should leave link URLs, autolinks and bare URLs as written', () => {
    const tree = typesetMarkdown('"[a--b](https://x.example/a--b)" <https://y.example/"q"--r> and https://z.example/a--b...', 'en');
    expect(toString(tree)).toBe('“a—b” https://y.example/"q"--r and https://z.example/a--b…');
    const paragraph = tree.children[0];
    const urls = paragraph?.type === 'paragraph' ? paragraph.children.flatMap((child) => (child.type === 'link' ? [child.url] : [])) : [];
    expect(urls).toEqual(['https://x.example/a--b', 'https://y.example/"q"--r']);
  });

  it('should set the text of raw HTML in bodies with allowHtml but leave its tags and inline code elements as written', async () => {
    const policy = { allowHtml: true, embedHosts: [] };
    await prepareBodies(policy);
    const tree = typesetMarkdown('<span title="a--b">"quoted"</span> and <code>"kept" --x</code> "after"', 'en');
    const html = bodyPieces(bodyToHtml(tree, undefined, policy)).join('');
    expect(html).toBe('<p><span title="a--b">“quoted”</span> and <code>"kept" --x</code> “after”</p>');
  });
});
