import fc from 'fast-check';
import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { select, selectAll } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Element as XmlElement, Root as XmlRoot } from 'xast';
import { fromXml } from 'xast-util-from-xml';
import { defaultConfig } from '../../src/config.js';
import type { SiteConfig } from '../../src/model/config.js';
import { prepareBodies } from '../../src/model/body.js';
import { themeAssetsDir } from '../../src/paths.js';
import { assembleSite, storyToArticle } from '../../src/pipeline/index.js';
import { typesetText } from '../../src/plugins/typography.js';
import { loadTheme, type ThemeFile } from '../../src/io/load-theme.js';
import { storyFile } from '../support/story-file.js';

// For arbitrary text in every front-matter field and arbitrary Markdown bodies, a build either
// succeeds with the text shown as text (in the page and in the feed), creating no element or
// attribute the templates do not make, or fails with positioned messages: never a crash.

let theme: readonly ThemeFile[];
beforeAll(async () => {
  theme = await loadTheme(themeAssetsDir);
  await prepareBodies({ allowHtml: true, embedHosts: [] });
});

/** The fields a story author writes as text, and where the story page shows each. */
const textFields = ['title', 'caption', 'credit', 'byline', 'note', 'summary', 'section', 'topic', 'tag', 'place', 'agency'] as const;
type Fields = Record<(typeof textFields)[number], string>;

function storyText(fields: Fields, body: string): string {
  // JSON strings are valid YAML double-quoted scalars: any text can be written this way.
  const q = (value: string) => JSON.stringify(value);
  return [
    '---',
    `title: ${q(fields.title)}`,
    'date: 2018-05-25T14:03:00+03:00',
    `byline: ${q(fields.byline)}`,
    `summary: ${q(fields.summary)}`,
    `note: ${q(fields.note)}`,
    `section: ${q(fields.section)}`,
    `topics: [${q(fields.topic)}]`,
    `tags: [${q(fields.tag)}]`,
    `dateline: { place: ${q(fields.place)}, agency: ${q(fields.agency)} }`,
    `image: { src: "https://images.example/x.jpg", caption: ${q(fields.caption)}, credit: ${q(fields.credit)} }`,
    '---',
    '',
    body,
    '',
  ].join('\n');
}

type Built = { ok: true; page: string; feed: string } | { ok: false; messages: string[] };

function buildOne(text: string, config: SiteConfig): Built {
  const modelled = storyToArticle(storyFile('2018/story.md', text), config, new Set());
  const result = assembleSite([modelled], [], config, { theme });
  if (!result.site || !result.pages) return { ok: false, messages: result.messages.map((message) => `${message.file}:${message.line}:${message.column} ${message.ruleId}`) };
  const render = (kind: string) => {
    const page = result.pages?.find((candidate) => candidate.kind === kind && (kind !== 'feed' || candidate.path === 'feed.xml'));
    const contents = page && result.site ? page.render(result.site) : '';
    return typeof contents === 'string' ? contents : Buffer.from(contents).toString('utf8');
  };
  return { ok: true, page: render('article'), feed: render('feed') };
}

/** Every element name and attribute name of a page: hostile text must not add any. */
function shapeOf(tree: Root): Set<string> {
  const shape = new Set<string>();
  for (const element of selectAll('*', tree)) {
    shape.add(element.tagName);
    for (const name of Object.keys(element.properties)) shape.add(`${element.tagName}[${name}]`);
  }
  return shape;
}

/** Text as an HTML parser hands it back: NUL dropped, runs of white space (line breaks included) as one space. */
const normalized = (text: string) => text.replace(/\0/g, '').replace(/\s+/g, ' ').trim();
/** A field's text as modelled: control characters and lone surrogates as U+FFFD (`invalid-character`), then trimmed (JavaScript's `trim`). */
const stored = (text: string) => text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]|\p{Cs}/gu, '\uFFFD').trim();
/** Text as a feed carries it: characters XML does not allow replaced by U+FFFD, white space runs as one space. */
const inXml = (text: string) =>
  text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD')
    .replace(/\s+/g, ' ')
    .trim();

const plainFields: Fields = Object.fromEntries(textFields.map((field) => [field, `Plain ${field}`])) as Fields;
let baselineShape: Set<string>;

/** Text with a letter in it (a name with nothing to make a URL from is an error, tested elsewhere), often hostile. */
const hostile = fc
  .oneof(
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.constantFrom(
      '<script>alert(1)</script>',
      '"><img src=x onerror=alert(1)>',
      "'; DROP",
      ']]>',
      '<![CDATA[x',
      '&amp;&lt;',
      '{{x}}',
      '../../etc',
      '%2e%2e',
      'javascript:alert(1)',
      '\u202Eevil',
      '\uFEFFbom',
    ),
    fc.string({ unit: 'grapheme', maxLength: 40 }),
  )
  .map((text) => `a ${text}`);

describe('hostile text in every front-matter field', () => {
  beforeAll(() => {
    const baseline = buildOne(storyText(plainFields, 'Body.'), defaultConfig);
    if (!baseline.ok) throw new Error(baseline.messages.join('\n'));
    baselineShape = shapeOf(fromHtml(baseline.page));
  });

  it('should be shown as text in the page and the feed, or fail with positioned messages', () => {
    fc.assert(
      fc.property(fc.record(Object.fromEntries(textFields.map((field) => [field, hostile])) as Record<keyof Fields, fc.Arbitrary<string>>), (fields) => {
        const built = buildOne(storyText(fields, 'Body.'), defaultConfig);
        if (!built.ok) {
          for (const message of built.messages) expect(message).toMatch(/^stories\/2018\/story\.md:\d+:\d+ [a-z-]+$/);
          return;
        }
        const page = fromHtml(built.page);
        for (const made of shapeOf(page)) expect(baselineShape, `the page gained ${made}`).toContain(made);
        // Headline and caption are story text, set in the typography of the page's language (the site's, or the one guessed).
        const lang = String(select('html', page)?.properties.lang ?? '');
        const shownText = (text: string) => typesetText(stored(text), lang);
        expect(normalized(toString(select('h1', page) ?? page))).toBe(normalized(shownText(fields.title)));
        expect(normalized(toString(select('figcaption', page) ?? page))).toContain(normalized(shownText(fields.caption)));
        const feed = fromXml(built.feed);
        const item = findXml(feed, 'item');
        // RSS readers parse a title as HTML: the feed carries it HTML-escaped, and a reader shows the text.
        const shown = item && toString(fromHtml(xmlText(findXml(item, 'title')), { fragment: true }));
        expect(shown && normalized(shown)).toBe(normalized(inXml(shownText(fields.title))));
      }),
      { numRuns: 150 },
    );
  });
});

describe('hostile Markdown bodies', () => {
  const pieces = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 30 }),
    fc.constantFrom(
      '<script>alert(1)</script>',
      '[x](javascript:alert(1))',
      '[x](  JAVA\tSCRIPT:alert(1))',
      '![a](data:text/html,<script>x</script>)',
      '<img src=x onerror=alert(1)>',
      '<iframe src="https://evil.example/"></iframe>',
      '<a href="vbscript:x" onclick="y">z</a>',
      '<a data-story-ref="0">forged</a>',
      '[story](other.md)',
      'READ MORE: [](../../../etc/passwd.md)',
      '\n\n',
      '> ',
      '# ',
      '<!--',
      '```\n',
      '<style>body{display:none}</style>',
    ),
  );
  const bodies = fc.array(pieces, { maxLength: 12 }).map((parts) => parts.join(' '));

  for (const allowHtml of [false, true]) {
    it(`should never carry scripts, handlers or unsafe URLs into the page (allowHtml: ${allowHtml})`, () => {
      const config: SiteConfig = { ...defaultConfig, allowHtml, embedHosts: ['www.youtube-nocookie.com'] };
      fc.assert(
        fc.property(bodies, (body) => {
          const built = buildOne(storyText(plainFields, body), config);
          if (!built.ok) {
            for (const message of built.messages) expect(message).toMatch(/^stories\/2018\/story\.md:\d+:\d+ [a-z-]+$/);
            return;
          }
          const story = select('.story-body', fromHtml(built.page));
          expect(story).toBeDefined();
          for (const element of selectAll('*', story ?? { type: 'root', children: [] })) expectSafe(element);
          // The feed carries the same body, escaped inside `content:encoded`.
          const encoded = findXml(fromXml(built.feed), 'content:encoded');
          for (const element of selectAll('*', fromHtml(xmlText(encoded), { fragment: true }))) expectSafe(element);
        }),
        { numRuns: 150 },
      );
    });
  }
});

function expectSafe(element: Element): void {
  expect(['script', 'style', 'object', 'embed', 'form', 'base', 'meta', 'link']).not.toContain(element.tagName);
  if (element.tagName === 'iframe') expect(String(element.properties.src)).toMatch(/^https:\/\/www\.youtube-nocookie\.com\//);
  for (const [name, value] of Object.entries(element.properties)) {
    expect(name, `attribute ${name} on <${element.tagName}>`).not.toMatch(/^on/i);
    if (['href', 'src', 'action', 'formAction', 'poster', 'cite'].includes(name)) {
      expect(String(value).replace(/[\u0000-\u001f\u007f\s]+/g, ''), `${name} on <${element.tagName}>`).not.toMatch(/^(javascript|vbscript|data):/i);
    }
  }
}

function findXml(node: XmlRoot | XmlElement | undefined, name: string): XmlElement | undefined {
  if (!node) return undefined;
  for (const child of node.children) {
    if (child.type !== 'element') continue;
    if (child.name === name) return child;
    const found = findXml(child, name);
    if (found) return found;
  }
  return undefined;
}

function xmlText(node: XmlElement | undefined): string {
  if (!node) return '';
  return node.children.map((child) => (child.type === 'text' || child.type === 'cdata' ? child.value : child.type === 'element' ? xmlText(child) : '')).join('');
}

describe('pathological stories', () => {
  /** Front matter of `count` more fields: unknown keys, aliases of one list ("billion laughs"), or one field written again and again. */
  const manyFields = (kind: 'none' | 'keys' | 'aliases' | 'duplicates', count: number) => {
    const field = (index: number) => (kind === 'keys' ? `k${index}: v` : kind === 'aliases' ? `a${index}: [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]` : 'tags: [ok]');
    const first = kind === 'aliases' ? 'a: &a [x, x, x, x, x, x, x, x, x, x]\n' : '';
    return kind === 'none' ? '' : `${first}${Array.from({ length: count }, (_, index) => `${field(index)}\n`).join('')}`;
  };
  /** A body of `count` openers of one kind (block quotes, list items, emphasis, brackets, `<`…), some closed. */
  const manyOpeners = (unit: string, count: number, closers: number) => {
    const closing = unit === '*a ' ? ' b*' : unit === '![a' || unit === '[' ? '](x)' : '';
    return `${unit.repeat(count)}x${closing.repeat(closers)}`;
  };
  const stories = fc.record({
    fields: fc.constantFrom('none', 'keys', 'aliases', 'duplicates'),
    fieldCount: fc.integer({ min: 1, max: 3000 }),
    unit: fc.constantFrom('>', '> ', '- ', '1. ', '> - ', '*', '_', '[', '![a', '<', '`', '*a ', '\n  - x', '\n'),
    count: fc.integer({ min: 1, max: 5000 }),
    closers: fc.integer({ min: 0, max: 5000 }),
  });
  const timeBound = 10_000;

  it('should build or fail with positioned messages, each story in well under 10 s', () => {
    fc.assert(
      fc.property(stories, ({ fields, fieldCount, unit, count, closers }) => {
        const text = `---\ntitle: T\ndate: 2018-05-25T14:03:00+03:00\n${manyFields(fields, fieldCount)}---\n\n${manyOpeners(unit, count, closers)}\n`;
        const started = performance.now();
        const built = buildOne(text, defaultConfig);
        expect(performance.now() - started).toBeLessThan(timeBound);
        if (!built.ok) for (const message of built.messages) expect(message).toMatch(/^stories\/2018\/story\.md:\d+:\d+ [a-z-]+$/);
      }),
      { numRuns: 40 },
    );
  }, 300_000);
});
