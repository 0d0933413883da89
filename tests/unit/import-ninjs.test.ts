import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { ExistingStories, ExistingStory, ImportedStory, ImportResult } from '../../src/import/imported-story.js';
import { importNinjs } from '../../src/import/ninjs-format.js';
import { idFromUri } from '../../src/import/ninjs-id.js';
import { typesetText } from '../../src/plugins/typography.js';
import { bodyPieces } from '../../src/model/body-html.js';
import { articleOf } from '../support/story-file.js';

const fixtures = path.join(import.meta.dirname, '../fixtures/ninjs');

/** The stories folder as an importer sees it, holding `stories`. */
function existingStories(stories: readonly ExistingStory[] = []): ExistingStories {
  return {
    byTitle: (title) => stories.find((story) => story.title === title),
    byId: (id) => stories.find((story) => story.id === id),
    byWireUri: (uri) => stories.find((story) => story.wire?.uri === uri),
  };
}

/** Import a fixture file of `tests/fixtures/ninjs/`. */
function importFixture(name: string, existing = existingStories()): ImportResult {
  return importNinjs({ name, text: readFileSync(path.join(fixtures, name), 'utf8') }, existing);
}

/** Import inline JSON text as `wire/item.json`. */
function importText(text: string, existing = existingStories(), timezone?: string): ImportResult {
  return importNinjs({ name: 'wire/item.json', text }, existing, { timezone });
}

/** Inline ninjs 3 item text with the fields every story needs, plus `extra`. */
function item(extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ uri: 'urn:newsml:wire.example.com:20240306:inline-item', versionCreated: '2024-03-06T13:45:00Z', headlines: [{ role: 'main', value: 'Inline item' }], ...extra }, null, 2);
}

/** The messages of a result as a reporter prints them. */
function messages(result: ImportResult): string[] {
  return result.problems.map((problem) => `${problem.file}:${problem.line}:${problem.column}  ${problem.fatal ? 'error' : 'warning'}  ${problem.reason}  ${problem.ruleId}`);
}

/** The only story of a result. */
function onlyStory(result: ImportResult): ImportedStory {
  expect(result.stories).toHaveLength(1);
  return result.stories[0]!;
}

/** The story file the import command writes: YAML front matter between `---` lines, then the body. */
function storyFileText(story: ImportedStory): string {
  return `---\n${stringify(story.frontMatter)}---\n\n${story.body}`;
}

/** Run an imported story through wiredesk's own parse and model stages. */
function modelled(story: ImportedStory) {
  return articleOf(`${story.folder === '' ? '' : `${story.folder}/`}${story.id}.md`, storyFileText(story));
}

describe('importNinjs: ninjs 2.x', () => {
  it('should map every field to front matter, in the README order', () => {
    const result = importFixture('ninjs2-item.json');
    const story = onlyStory(result);
    expect(story.id).toBe('20240305-harbour-strike-a1b2c3');
    expect(story.folder).toBe('2024/03');
    expect(story.wire).toEqual({ uri: 'http://wire.example.com/text/20240305-harbour-strike-a1b2c3', version: 1 });
    expect(story.frontMatter).toEqual({
      title: 'Dockworkers in Gothenburg strike over “automation plan”',
      date: '2024-03-05T09:12:00+01:00',
      updated: '2024-03-05T09:40:00+01:00',
      topics: ['Labour dispute', 'Maritime transport'],
      tags: ['strike', 'port', 'Gothenburg'],
      dateline: { place: 'GOTHENBURG', agency: 'Nordwire' },
      byline: 'Ingrid Holm',
      summary: 'Some 1,200 dockworkers walked out at Scandinavia’s largest port over plans to automate two terminals.',
      image: {
        src: 'https://media.wire.example.com/a001/hires.jpg',
        alt: 'Pickets at the Skandia terminal',
        caption: 'Dockworkers picket the entrance of the Skandia container terminal in Gothenburg, Sweden, on March 5, 2024.',
        credit: 'Lars Berg / Nordwire',
      },
      embargo: '2024-03-05T12:00:00+01:00',
      urgency: 3,
      slugline: 'harbour-strike',
      lang: 'en-GB',
      wire: { uri: 'http://wire.example.com/text/20240305-harbour-strike-a1b2c3', version: 1 },
    });
    expect(Object.keys(story.frontMatter)).toEqual(['title', 'date', 'updated', 'topics', 'tags', 'dateline', 'byline', 'summary', 'image', 'embargo', 'urgency', 'slugline', 'lang', 'wire']);
  });

  it('should convert the HTML body: quote, list, link and emphasis kept; script, relative link and repeated headline gone', () => {
    const story = onlyStory(importFixture('ninjs2-item.json'));
    expect(story.body).toBe(
      [
        'Some 1,200 dockworkers walked out at the _Skandia_ and _Älvsborg_ terminals on Tuesday, halting container traffic at Scandinavia’s largest port, the [union said](https://www.hamnarbetarforbundet.example/strike).',
        '',
        '> We are not against new cranes. We are against being told about them by press release.',
        '',
        'The port authority listed three demands it rejected:',
        '',
        '- a job guarantee until 2030,',
        '- a joint review of the automation timetable,',
        '- retraining on full pay.',
        '',
        'Talks are to resume on Thursday. Desk notes — **more to follow**.',
        '',
      ].join('\n'),
    );
    expect(story.body).not.toMatch(/wireTracker|script|automation plan”\n/);
  });

  it('should leave out the sub headline, a subject without a name, the short plain-text body and the item-level rights notice, and say so', () => {
    expect(messages(importFixture('ninjs2-item.json'))).toEqual([
      'ninjs2-item.json:18:5  warning  `headlines[0]` is left out: a story keeps one headline, `headlines[1]` (copy what matters by hand)  import-dropped',
      'ninjs2-item.json:58:5  warning  `subjects[2]` has no `name` to show as a topic; it is left out  import-dropped',
      'ninjs2-item.json:35:5  warning  `bodies[0]` is left out: a story keeps one body, `bodies[1]` (copy what matters by hand)  import-dropped',
      'ninjs2-item.json:12:22  warning  Item has a field that is not imported: `copyrightnotice`; its value is left out, expected only the fields listed in docs/importing.md (copy what matters by hand)  import-dropped',
    ]);
  });
});

describe('importNinjs: ninjs 3.x', () => {
  it('should read camelCase names, an XHTML body and the first picture association, naming the logo and the short body it leaves out', () => {
    const result = importFixture('ninjs3-item.json');
    expect(messages(result)).toEqual([
      'ninjs3-item.json:58:5  warning  `associations[0]` is a `graphic`, not a picture; it is left out: a story takes only its lead picture from `associations` (copy what matters by hand)  import-dropped',
      'ninjs3-item.json:29:5  warning  `bodies[0]` is left out: a story keeps one body, `bodies[1]` (copy what matters by hand)  import-dropped',
    ]);
    const story = onlyStory(result);
    expect(story.id).toBe('ecb-rates-7f3k');
    expect(story.folder).toBe('2024/03');
    expect(story.frontMatter).toEqual({
      title: 'EZB senkt Leitzins um 0,25 Prozentpunkte',
      date: '2024-03-06T13:45:00+00:00',
      topics: ['Geldpolitik', 'Zentralbank'],
      tags: ['EZB', 'Leitzins', 'Inflation'],
      dateline: { place: 'FRANKFURT', agency: 'Nordwire' },
      byline: 'Max Müller',
      summary: 'Die EZB senkt erstmals seit 2019 den Leitzins.',
      // The `graphic` logo is not a picture; the bigger `ftp:` TIFF rendition is not a web image.
      image: {
        src: 'https://media.wire.example.com/ecb-tower-22/main.jpg',
        alt: 'Der Sitz der EZB im Frankfurter Ostend.',
        caption: 'Der Sitz der EZB im Frankfurter Ostend.',
        credit: 'Anna Weber / Nordwire',
      },
      embargo: '2024-03-06T15:15:00+01:00',
      urgency: 2,
      slugline: 'EZB-Zinsen',
      lang: 'de',
      wire: { uri: 'urn:newsml:wire.example.com:20240306:ECB-RATES-7F3K', version: 1 },
    });
  });

  it('should prefer the HTML body to the plain-text one and drop scripts, styles and javascript: links', () => {
    const story = onlyStory(importFixture('ninjs3-item.json'));
    expect(story.body).toBe(
      [
        'Die Europäische Zentralbank (EZB) hat den Leitzins um **0,25 Prozentpunkte** auf 4,25 Prozent gesenkt. Es ist die erste Senkung seit _2019_, wie die Notenbank am Mittwoch in [Frankfurt mitteilte](https://www.ecb.example.eu/press/pr/date/2024/html/index.de.html).',
        '',
        '> Die Inflation ist auf dem Weg zurück zu unserem Ziel.',
        '',
        'Die wichtigsten Beschlüsse:',
        '',
        '1. Hauptrefinanzierungssatz: 4,25 %',
        '2. Einlagensatz: 3,75 %',
        '',
        'Analysten hatten den Schritt erwartet.',
        '',
      ].join('\n'),
    );
  });

  it('should accept `embargoedUntil` and the spelling `cancelled`', () => {
    const story = onlyStory(importText(item({ embargoedUntil: '2024-03-07T06:00:00+01:00', pubStatus: 'cancelled' })));
    expect(story.frontMatter['embargo']).toBe('2024-03-07T06:00:00+01:00');
    expect(story.frontMatter['status']).toBe('canceled');
  });
});

describe('importNinjs: ninjs 1.x', () => {
  it('should read `headline`, `body_html`, `description_text`, `subject`, `byline` and associations by name', () => {
    const result = importFixture('ninjs1-item.json');
    expect(result.problems).toEqual([]);
    const story = onlyStory(result);
    expect(story.id).toBe('20130709med123');
    expect(story.folder).toBe('2013/07');
    expect(story.frontMatter).toMatchObject({
      title: 'Captain of wrecked cruise ship on trial in Italy',
      date: '2013-07-09T10:37:00+00:00',
      topics: ['Justice'],
      tags: ['trial', 'shipwreck'],
      dateline: { place: 'GROSSETO, Italy' },
      byline: 'Paula Santos and Frank Emil',
      summary: 'The trial of the captain of a shipwrecked cruise liner has begun in a theatre converted into a courtroom.',
      image: {
        src: 'https://media.wire.example.com/2643c588-big.jpg',
        alt: 'Cruise ship on its side',
        caption: 'The cruise ship lies on its side off the island of Giglio, Italy.',
        credit: 'Gregorio Borgia',
      },
      wire: { uri: 'http://wire.example.com/newsitems/20130709med123', version: 5 },
    });
    expect(story.frontMatter).not.toHaveProperty('updated');
    expect(story.body).toBe('The trial of the captain has begun in a theatre converted into a courtroom.\n\nThe sole defendant made no comment as he arrived.\n');
  });
});

describe('importNinjs: versions and updates', () => {
  it('should give the same stories for the same input, every time', () => {
    for (const name of ['ninjs1-item.json', 'ninjs2-item.json', 'ninjs3-item.json']) {
      expect(importFixture(name)).toEqual(importFixture(name));
    }
  });

  it('should reuse the id and folder of the story with the same uri, carrying the newer version', () => {
    const first = onlyStory(importFixture('ninjs3-item.json'));
    const onDisk: ExistingStory = { id: 'ezb-leitzins', source: 'economy/ezb-leitzins.md', title: 'EZB senkt Leitzins um 0,25 Prozentpunkte', wire: { uri: first.wire!.uri, version: 1 } };
    const update = onlyStory(importFixture('ninjs3-item-v2.json', existingStories([onDisk])));
    expect(update).toMatchObject({ id: 'ezb-leitzins', folder: 'economy', wire: { uri: 'urn:newsml:wire.example.com:20240306:ECB-RATES-7F3K', version: 2 } });
    expect(update.frontMatter).toMatchObject({
      title: 'EZB senkt Leitzins – Lagarde schließt weitere Schritte nicht aus',
      date: '2024-03-06T13:45:00+00:00',
      updated: '2024-03-06T15:02:00+00:00',
      urgency: 3,
    });
    expect(update.body).toMatch(/Lagarde schloss weitere Senkungen nicht aus\.\n$/);
  });

  it('should import a kill as a canceled story in place of the original', () => {
    const original = onlyStory(importFixture('ninjs2-item.json'));
    const onDisk: ExistingStory = { id: original.id, source: `${original.folder}/${original.id}.md`, title: String(original.frontMatter['title']), wire: { uri: original.wire!.uri, version: 1 } };
    const kill = onlyStory(importFixture('ninjs2-canceled.json', existingStories([onDisk])));
    expect(kill).toMatchObject({ id: original.id, folder: original.folder, wire: { version: 2 } });
    expect(kill.frontMatter).toMatchObject({ status: 'canceled', urgency: 1, updated: '2024-03-05T15:05:00+01:00' });
    expect(kill.body).toBe('Nordwire withdraws this story. The strike was called off before it began.\n\nPlease make sure it is not published.\n');
    expect(modelled(kill).status).toBe('canceled');
  });

  it('should import each item of a list, and a repeated uri once, in its newest version', () => {
    const result = importText(
      [
        '[',
        '  {"uri": "urn:x:inline-item", "version": "3", "versionCreated": "2024-03-06T15:00:00Z", "headlines": [{"value": "Version three"}]},',
        '  {"uri": "urn:x:other-item", "versionCreated": "2024-03-06T13:45:00Z", "headlines": [{"value": "Other"}]},',
        '  {"uri": "urn:x:inline-item", "version": "2", "versionCreated": "2024-03-06T14:00:00Z", "headlines": [{"value": "Version two"}]}',
        ']',
      ].join('\n'),
    );
    expect(result.stories.map((story) => [story.id, story.frontMatter['title'], story.wire?.version])).toEqual([
      ['inline-item', 'Version three', 3],
      ['other-item', 'Other', undefined],
    ]);
    expect(messages(result)).toEqual(['wire/item.json:4:3  warning  `[2]` repeats the uri "urn:x:inline-item" of `[0]`, whose version is newer; this one is skipped  import-dropped']);
  });

  it('should add a hash of the uri to an id that another story already has', () => {
    const taken: ExistingStory = { id: 'inline-item', source: '2024/03/inline-item.md', title: 'Something else' };
    const story = onlyStory(importText(item(), existingStories([taken])));
    expect(story.id).toMatch(/^inline-item-[0-9a-f]{6}$/);
    expect(story.folder).toBe('2024/03');
  });

  it('should skip items that are not stories (pictures, video, events), with a warning', () => {
    const result = importText('[\n  {"uri": "urn:x:photo-123456", "type": "picture", "headlines": [{"value": "A photo"}]}\n]');
    expect(result.stories).toEqual([]);
    expect(messages(result)).toEqual(['wire/item.json:2:41  warning  `[0].type` is "picture", not a story (`text` or `composite`); the item is skipped  import-dropped']);
  });
});

describe('idFromUri', () => {
  it('should take the last part of the uri with at least six letters or digits', () => {
    expect(idFromUri('http://tt.se/media/text/210526-militarovning-a0f2d045')).toBe('210526-militarovning-a0f2d045');
    expect(idFromUri('http://www.businesswire.com/news/home/20130515006361/en')).toBe('20130515006361');
    expect(idFromUri('urn:newsml:apa.at:20240305:APA0123')).toBe('apa0123');
    expect(idFromUri('https://wire.example.com/text/Gr%C3%B6%C3%9Fe-Stra%C3%9Fe-%C3%98rsted')).toBe('grosse-strasse-orsted');
  });

  it('should fall back to a hash of the uri when no part is ASCII enough, and cut long ids at a hyphen', () => {
    expect(idFromUri('https://wire.example.ru/новости/путин')).toMatch(/^ninjs-[0-9a-f]{12}$/);
    const long = idFromUri(`https://wire.example.com/${'word-'.repeat(30)}end`);
    expect(long.length).toBeLessThanOrEqual(60);
    expect(long).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
  });
});

describe('importNinjs: what wiredesk makes of the stories', () => {
  it('should write story files that wiredesk parses and models without a problem', () => {
    for (const name of ['ninjs1-item.json', 'ninjs2-item.json', 'ninjs2-canceled.json', 'ninjs3-item.json', 'ninjs3-item-v2.json']) {
      const story = onlyStory(importFixture(name));
      const article = modelled(story);
      expect(article.title).toBe(story.frontMatter['title']);
      expect(article.date.iso).toBe(story.frontMatter['date']);
      expect(article.wire).toEqual(story.wire);
    }
  });

  it('should carry embargo, status, urgency, slugline, dateline, language, image and topics into the article', () => {
    const article = modelled(onlyStory(importFixture('ninjs2-item.json')));
    expect(article.embargo?.iso).toBe('2024-03-05T12:00:00+01:00');
    expect(article.status).toBe('usable');
    expect(article.urgency).toBe(3);
    expect(article.slugline).toBe('harbour-strike');
    expect(article.lang).toBe('en-GB');
    expect(article.dateline).toEqual({ place: 'GOTHENBURG', agency: 'Nordwire' });
    expect(article.image).toMatchObject({ src: 'https://media.wire.example.com/a001/hires.jpg', credit: 'Lars Berg / Nordwire' });
    expect(article.topics.map((topic) => topic.slug)).toEqual(['labour-dispute', 'maritime-transport']);
    expect(article.tags.map((tag) => tag.name)).toEqual(['strike', 'port', 'Gothenburg']);
  });
});

describe('importNinjs: bodies and hostile text', () => {
  it('should make one paragraph of each line of a plain-text body, escaping Markdown characters', () => {
    const text = '* not a list\n\n# not a heading\n<script>alert(1)</script> and [not](a link)\n1. not numbered';
    const story = onlyStory(importText(item({ bodies: [{ contentType: 'text/plain', value: text }] })));
    expect(story.body).toBe('\\* not a list\n\n\\# not a heading\n\n\\<script>alert(1)\\</script> and \\[not]\\(a link)\n\n1\\. not numbered\n');
    const html = bodyPieces(modelled(story).body).join('');
    expect(html).not.toMatch(/<script|<ul|<ol|<h\d|<a /);
    expect(html).toContain('&#x3C;script>alert(1)&#x3C;/script>');
  });

  it('should drop event handlers, data: pictures, iframes and javascript: links from an HTML body', () => {
    const html =
      '<p onclick="steal()">Hi <img src="data:image/png;base64,AAAA" alt="x"><a href=" JaVaScRiPt:alert(1)">there</a></p><iframe src="https://evil.example/"></iframe><p><img src="https://media.example.com/a.jpg" alt="A &quot;photo&quot;"></p>';
    const story = onlyStory(importText(item({ bodies: [{ contentType: 'text/html', value: html }] })));
    expect(story.body).toBe('Hi there\n\n![A "photo"](https://media.example.com/a.jpg)\n');
  });

  it('should turn tables into one paragraph a row and strike-through into plain text (no GFM in wiredesk)', () => {
    const html = '<table><caption>Results</caption><tr><th>Team</th><th>Pts</th></tr><tr><td><b>AIK</b></td><td>3</td></tr></table><p><del>old</del> new</p>';
    expect(onlyStory(importText(item({ bodies: [{ contentType: 'text/html', value: html }] }))).body).toBe('Results\n\nTeam | Pts\n\n**AIK** | 3\n\nold new\n');
  });

  it('should make a Markdown body that wiredesk models, from any tag soup, with no raw HTML left', () => {
    const tags = [
      'p',
      'div',
      'a href="https://x.example/"',
      'a href="javascript:x"',
      'em',
      'strong',
      'del',
      'table',
      'tr',
      'td',
      'ul',
      'ol',
      'li',
      'blockquote',
      'h1',
      'h3',
      'pre',
      'code',
      'br',
      'img src="https://x.example/i.jpg"',
      'script',
      'style',
      'input type=checkbox',
      'video src="https://x.example/v"',
      'sup',
      'q',
      'dl',
      'dt',
      'dd',
      'iframe',
    ];
    const piece = fc.oneof(
      fc.constantFrom(...tags).map((tag) => `<${tag}>`),
      fc.constantFrom(...tags).map((tag) => `</${tag.split(' ')[0]}>`),
      fc.string({ maxLength: 12 }),
      fc.constantFrom('*', '_', '#', '[', '](', '`', '<x>', '&lt;b&gt;', '|', '\\', '\n'),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 25 }), (pieces) => {
        const story = onlyStory(importText(item({ bodies: [{ contentType: 'text/html', value: pieces.join('') }] })));
        const html = bodyPieces(modelled(story).body).join('');
        expect(html).not.toMatch(/<(script|style|iframe|video|input|table|del)\b|javascript:/i);
      }),
      { numRuns: 150 },
    );
  });

  it('should make stories that wiredesk models from any text in the text fields, or report why not', () => {
    const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 30 }), fc.constantFrom('</script>', '---', '"', ']]>', '\u0000', ' ', '#', '- x', 'null', '&amp;'));
    fc.assert(
      fc.property(fc.record({ headline: text, by: text, located: text, slugline: text, agency: text, keyword: text, subject: text }), (fields) => {
        const result = importText(
          item({
            headlines: [{ value: fields.headline }],
            by: fields.by,
            located: fields.located,
            slugline: fields.slugline,
            copyrightHolder: fields.agency,
            keywords: [fields.keyword],
            subjects: [{ name: fields.subject }],
          }),
        );
        for (const story of result.stories) {
          // The model sets the headline in its language's typography (curly quotes), nothing else.
          const article = modelled(story);
          expect(article.title).toBe(typesetText(String(story.frontMatter['title']), article.lang ?? 'en'));
        }
        if (result.stories.length === 0) expect(messages(result).join('\n')).toContain('has no headline');
      }),
      { numRuns: 200 },
    );
  });

  it('should keep hostile headline, byline and caption text as plain values that survive the model', () => {
    const hostile = 'Quote " and \' </script><script>alert(1)</script> ]]> \u0007bell';
    const story = onlyStory(
      importText(
        item({
          headlines: [{ role: 'main', value: hostile }],
          by: `${hostile}\nnext line`,
          associations: [{ name: 'p', uri: 'urn:p', type: 'picture', descriptions: [{ value: hostile }], creditline: '© "Wire" </figcaption>' }],
        }),
      ),
    );
    expect(story.frontMatter['title']).toBe('Quote " and \' </script><script>alert(1)</script> ]]> bell');
    expect(story.frontMatter['byline']).toBe('Quote " and \' </script><script>alert(1)</script> ]]> bell next line');
    expect(story.frontMatter['image']).toEqual({ caption: 'Quote " and \' </script><script>alert(1)</script> ]]> bell', credit: '© "Wire" </figcaption>' });
    const article = modelled(story);
    // A lone quote between spaces stays as written; a quoted word is typeset.
    expect(article.title).toBe(story.frontMatter['title']);
    expect(article.image?.credit).toBe('© “Wire” </figcaption>');
  });
});

describe('importNinjs: malformed input', () => {
  it('should report invalid JSON at the offending character', () => {
    expect(messages(importFixture('malformed/trailing-comma.json'))).toEqual([
      'malformed/trailing-comma.json:4:57  error  Invalid JSON: a comma before `}`, expected none after the last value  import-malformed',
    ]);
    expect(messages(importText('{\n  "uri": "urn:x:1"\n  "type": "text"\n}'))).toEqual(['wire/item.json:3:3  error  Invalid JSON: no `,`, expected one between values  import-malformed']);
    expect(messages(importText('{\n  // a comment\n}'))).toEqual(['wire/item.json:2:3  error  Invalid JSON: a comment, expected none (JSON has no comments)  import-malformed']);
    expect(messages(importText('{"uri": "urn:x:1}'))).toEqual(['wire/item.json:1:9  error  Invalid JSON: an unterminated string, expected a closing `"`  import-malformed']);
    expect(messages(importText('  \n'))).toEqual(['wire/item.json:1:1  error  Input is empty, expected a ninjs item (a JSON object) or a list of them  import-malformed']);
  });

  it('should report input that is not an item or a list of items', () => {
    expect(messages(importFixture('malformed/not-an-item.json'))).toEqual([
      'malformed/not-an-item.json:1:1  error  Input is "just a string", expected a ninjs item (a JSON object) or a list of them  import-malformed',
    ]);
    const result = importText(`[\n  ${item().replace(/\n/g, ' ')},\n  42\n]`);
    expect(result.stories).toHaveLength(1);
    expect(messages(result)).toEqual(['wire/item.json:3:3  error  `[1]` is 42, expected a ninjs item (a JSON object)  import-malformed']);
  });

  it('should report every missing field at the item, naming the fields of each ninjs version', () => {
    const result = importFixture('malformed/missing-fields.json');
    expect(result.stories).toEqual([]);
    expect(messages(result)).toEqual([
      'malformed/missing-fields.json:1:1  error  Item has no `uri`, expected the item\'s identifier such as "urn:newsml:example.com:20240305:abc123"  import-missing-field',
      'malformed/missing-fields.json:1:1  error  Item has no headline, expected `headlines: [{"role": "main", "value": "…"}]` (ninjs 2 and 3) or `headline` (ninjs 1)  import-missing-field',
      'malformed/missing-fields.json:1:1  error  Item has no date, expected `firstcreated` or `versioncreated` (`firstCreated`, `versionCreated` in ninjs 3) as an ISO 8601 date-time  import-missing-field',
    ]);
  });

  it('should report every field of the wrong kind at its value, by its path', () => {
    const result = importFixture('malformed/wrong-fields.json');
    expect(result.stories).toEqual([]);
    expect(messages(result).sort()).toEqual([
      'malformed/wrong-fields.json:10:9  error  `by` is a list, expected text  import-invalid-field',
      'malformed/wrong-fields.json:11:43  error  `headlines[0].value` is 42, expected text  import-invalid-field',
      'malformed/wrong-fields.json:12:15  error  `subjects` is a map, expected a list of subjects, maps with a `name`  import-invalid-field',
      'malformed/wrong-fields.json:13:26  error  `keywords[1]` is 7, expected text  import-invalid-field',
      'malformed/wrong-fields.json:3:14  error  `version` is "two", expected a whole number such as "3" (the item\'s version)  import-invalid-field',
      'malformed/wrong-fields.json:4:19  error  `firstcreated` is "2024-03-05T09:12:00", expected an ISO 8601 date-time with a UTC offset ("Z" or "+01:00") at its end, such as 2024-03-05T14:03:00+01:00  import-invalid-field',
      'malformed/wrong-fields.json:5:21  error  `versioncreated` is "yesterday", expected an ISO 8601 date-time such as 2024-03-05T14:03:00+01:00  import-invalid-field',
      'malformed/wrong-fields.json:6:16  error  `embargoed` is "2024-02-30T12:00:00+01:00", expected an ISO 8601 date-time such as 2024-03-05T14:03:00+01:00  import-invalid-field',
      'malformed/wrong-fields.json:7:16  error  `pubstatus` is "killed", expected one of "usable", "withheld" or "canceled"  import-invalid-field',
      'malformed/wrong-fields.json:8:14  error  `urgency` is 12, expected a whole number from 1 (most urgent) to 9  import-invalid-field',
      'malformed/wrong-fields.json:9:15  error  `language` is "en_GB", expected a BCP 47 language tag such as "en", "sv" or "pt-BR"  import-invalid-field',
    ]);
  });

  it('should name the item of a list in its messages, and still import the good items', () => {
    const result = importText(
      `[\n  ${item({ uri: 'urn:x:good-item' }).replace(/\n/g, ' ')},\n  {"uri": "urn:x:bad-item", "versionCreated": "2024-03-06T13:45:00Z", "headlines": [{"value": "Bad"}], "urgency": 0}\n]`,
    );
    expect(result.stories.map((story) => story.id)).toEqual(['good-item']);
    expect(messages(result)).toEqual(['wire/item.json:3:115  error  `[1].urgency` is 0, expected a whole number from 1 (most urgent) to 9  import-invalid-field']);
  });

  it('should name, per item, the fields it does not map, and import the item without them', () => {
    const people = [{ name: 'Lars Berg', rel: 'quoted' }];
    const result = importText(
      `[\n  ${item({ uri: 'urn:x:first-item', people, ednote: 'Not for publication', standard: { name: 'ninjs' } }).replace(/\n/g, ' ')},\n  ${item({ uri: 'urn:x:second-item', $schema: 'x' }).replace(/\n/g, ' ')}\n]`,
    );
    expect(result.stories.map((story) => story.id)).toEqual(['first-item', 'second-item']);
    expect(messages(result)).toEqual([
      'wire/item.json:2:175  warning  Item `[0]` has fields that are not imported: `people`, `ednote`; their values are left out, expected only the fields listed in docs/importing.md (copy what matters by hand)  import-dropped',
    ]);
    const agencyAlone = importText(item({ copyrightHolder: 'Nordwire' }));
    expect(messages(agencyAlone)).toEqual([expect.stringContaining('Item has a field that is not imported: `copyrightHolder`; its value is left out')]);
    expect(messages(importText(item({ copyrightHolder: 'Nordwire', located: 'OSLO' })))).toEqual([]);
  });

  it('should place a date-time without offset in the time zone it is given, and refuse a bare day', () => {
    const story = onlyStory(importText(item({ versionCreated: '2024-03-06T13:45:00' }), existingStories(), 'Europe/Stockholm'));
    expect(story.frontMatter['date']).toBe('2024-03-06T13:45:00+01:00');
    const bare = importText(item({ versionCreated: '2024-03-06' }), existingStories(), 'Europe/Stockholm');
    expect(bare.stories).toEqual([]);
    expect(messages(bare)).toEqual(['wire/item.json:3:21  error  `versionCreated` is "2024-03-06", expected an ISO 8601 date-time such as 2024-03-05T14:03:00+01:00  import-invalid-field']);
    expect(importText(item({ versionCreated: '2024-03-06' })).stories).toEqual([]);
  });
});

describe('importNinjs: parts of the mapped fields that a story cannot keep', () => {
  /** The `import-dropped` messages of a result, without their position. */
  function leftOut(result: ImportResult): string[] {
    return result.problems.filter((problem) => problem.ruleId === 'import-dropped').map((problem) => problem.reason);
  }

  it('should name every association left out: pictures after the lead one, and associations of other types', () => {
    const picture = (name: string) => ({ name, type: 'picture', uri: `urn:p:${name}`, renditions: [{ href: `https://media.example.com/${name}.jpg` }] });
    const result = importText(item({ associations: [{ name: 'logo', type: 'graphic', uri: 'urn:g:logo' }, picture('first'), picture('second'), { name: 'clip', type: 'video', uri: 'urn:v:clip' }] }));
    expect(onlyStory(result).frontMatter['image']).toEqual({ src: 'https://media.example.com/first.jpg' });
    expect(messages(result)).toEqual([
      'wire/item.json:11:5  warning  `associations[0]` is a `graphic`, not a picture; it is left out: a story takes only its lead picture from `associations` (copy what matters by hand)  import-dropped',
      'wire/item.json:26:5  warning  `associations[2]` is left out: a story keeps one lead picture, `associations[1]` (copy what matters by hand)  import-dropped',
      'wire/item.json:36:5  warning  `associations[3]` is a `video`, not a picture; it is left out: a story takes only its lead picture from `associations` (copy what matters by hand)  import-dropped',
    ]);
  });

  it('should name a ninjs 1 association left out by its name', () => {
    const picture = (name: string) => ({ type: 'picture', renditions: { main: { href: `https://media.example.com/${name}.jpg` } } });
    const result = importText(item({ associations: { picture1: picture('one'), picture2: picture('two') } }));
    expect(onlyStory(result).frontMatter['image']).toEqual({ src: 'https://media.example.com/one.jpg' });
    expect(leftOut(result)).toEqual(['`associations.picture2` is left out: a story keeps one lead picture, `associations.picture1` (copy what matters by hand)']);
  });

  it('should take the narrowest rendition as wide as a page shows a picture, else the largest', () => {
    const srcOf = (widths: readonly number[]) => {
      const renditions = widths.map((width) => ({ href: `https://media.example.com/p-${width}.jpg`, width, height: Math.round(width / 1.5) }));
      const item = { uri: 'urn:x', type: 'text', headline: 'Port strike ends', versioncreated: '2024-03-06T13:45:00Z', body_text: 'Text.', associations: [{ type: 'picture', renditions }] };
      return (onlyStory(importText(JSON.stringify(item))).frontMatter.image as { src?: string } | undefined)?.src;
    };
    // A wire's 6,000-pixel original costs readers bytes: the 2,048 rendition is enough.
    expect(srcOf([640, 6000, 2048, 1024])).toBe('https://media.example.com/p-2048.jpg');
    expect(srcOf([640, 1024])).toBe('https://media.example.com/p-1024.jpg');
  });

  it('should name what a picture without an http(s) image cannot show: its renditions and its alt text', () => {
    const picture = {
      type: 'picture',
      uri: 'urn:p',
      headlines: [{ value: 'Pickets at the gate' }],
      descriptions: [{ role: 'caption', value: 'Dockworkers picket.' }],
      renditions: [{ href: 'ftp://archive.example.com/p.tif' }],
    };
    const result = importText(item({ associations: [picture] }));
    expect(onlyStory(result).frontMatter['image']).toEqual({ caption: 'Dockworkers picket.' });
    expect(leftOut(result)).toEqual([
      '`associations[0].renditions` is left out: none of them is an `http(s)` image, so the story shows no picture (copy what matters by hand)',
      '`associations[0].headlines` is left out: it is the alt text of a picture, and this one has no `http(s)` image to show (copy what matters by hand)',
    ]);
  });

  it('should name the credit fields of the lead picture that its credit line does not include', () => {
    const picture = {
      type: 'picture',
      uri: 'urn:p',
      creditline: 'Lars Berg / Reuters',
      by: 'Lars Berg',
      byline: 'L. Berg',
      copyrightHolder: 'Reuters',
      copyrightNotice: '© 2024 Reuters. All rights reserved.',
    };
    const result = importText(item({ associations: [picture] }));
    expect(onlyStory(result).frontMatter['image']).toEqual({ credit: 'Lars Berg / Reuters' });
    expect(leftOut(result)).toEqual([
      '`associations[0].byline` is left out: the picture\'s credit reads "Lars Berg / Reuters" (copy what matters by hand)',
      '`associations[0].copyrightNotice` is left out: the picture\'s credit reads "Lars Berg / Reuters" (copy what matters by hand)',
    ]);
  });

  it('should name every description other than the summary, unless it repeats the summary', () => {
    const result = importText(
      item({
        descriptions: [
          { role: 'summary', value: 'The summary.' },
          { role: 'summary', contentType: 'text/html', value: '<p>The <b>summary</b>.</p>' },
          { role: 'summary', value: 'A second summary.' },
          { role: 'drol:caption', value: 'A caption of the item.' },
        ],
      }),
    );
    expect(onlyStory(result).frontMatter['summary']).toBe('The summary.');
    expect(leftOut(result)).toEqual([
      '`descriptions[2]` is left out: a story keeps one summary, `descriptions[0]` (copy what matters by hand)',
      '`descriptions[3]` is left out: a story keeps one summary, `descriptions[0]` (copy what matters by hand)',
    ]);
  });

  it('should name the descriptions of an item without a summary, which are all left out', () => {
    const result = importText(item({ descriptions: [{ role: 'text', value: 'A longer description.' }] }));
    expect(onlyStory(result).frontMatter).not.toHaveProperty('summary');
    expect(leftOut(result)).toEqual(['`descriptions[0]` is left out: a story takes only a description with role `summary` or `abstract` as its summary (copy what matters by hand)']);
  });

  it('should name every body other than the one taken, unless it is the same text in another format', () => {
    const result = importText(
      item({
        bodies: [
          { role: 'text', contentType: 'text/plain', value: 'The story,\nin full.' },
          { role: 'short', contentType: 'text/plain', value: 'The story, short.' },
          { role: 'richtext', contentType: 'text/html', value: '<p>The <em>story</em>,</p><p>in full.</p>' },
          { role: 'markdown', contentType: 'text/markdown', value: 'The *story*.' },
        ],
      }),
    );
    expect(onlyStory(result).body).toBe('The _story_,\n\nin full.\n');
    expect(leftOut(result)).toEqual([
      '`bodies[1]` is left out: a story keeps one body, `bodies[2]` (copy what matters by hand)',
      '`bodies[3]` is left out: a story keeps one body, `bodies[2]` (copy what matters by hand)',
    ]);
  });

  it('should name every headline other than the title, unless it repeats it', () => {
    const result = importText(
      item({
        headlines: [
          { role: 'sub', value: 'Talks to resume on Thursday' },
          { role: 'main', value: 'Inline item' },
          { role: 'short', contentType: 'text/html', value: '<b>Inline</b> item' },
        ],
      }),
    );
    expect(onlyStory(result).frontMatter['title']).toBe('Inline item');
    expect(leftOut(result)).toEqual(['`headlines[0]` is left out: a story keeps one headline, `headlines[1]` (copy what matters by hand)']);
  });

  it('should name a ninjs 1 field left out for the one the story takes, unless it holds the same text', () => {
    const result = importText(
      item({
        headline: 'A ninjs 1 headline',
        byline: 'Another Writer',
        by: 'A Writer',
        body_html: '<p>The story.</p>',
        body_text: 'The story.',
        body_xhtml: '<p>Another story.</p>',
        description_html: '<p>The summary.</p>',
        description_text: 'The summary.',
        descriptions: [{ role: 'summary', value: 'The ninjs 2 summary.' }],
      }),
    );
    const story = onlyStory(result);
    expect(story.frontMatter).toMatchObject({ title: 'Inline item', byline: 'A Writer', summary: 'The ninjs 2 summary.' });
    expect(story.body).toBe('The story.\n');
    expect(leftOut(result).sort()).toEqual([
      '`body_xhtml` is left out: a story keeps one body, `body_html` (copy what matters by hand)',
      '`byline` is left out: a story keeps one byline, `by` (copy what matters by hand)',
      '`description_html` is left out: a story keeps one summary, `descriptions` (copy what matters by hand)',
      '`description_text` is left out: a story keeps one summary, `descriptions` (copy what matters by hand)',
      '`headline` is left out: a story keeps one headline, `headlines` (copy what matters by hand)',
    ]);
  });

  it('should name the embeds and pictures an HTML body loses, but not its scripts, styles or forms', () => {
    const html = [
      '<p>Watch the strike:</p><iframe src="https://video.example.com/embed/strike"></iframe><iframe src="https://video.example.com/embed/strike"></iframe>',
      '<video src="rtmp://media.example.com/clip"></video><p><img src="data:image/png;base64,AAAA" alt="x"> Map</p>',
      '<script>track()</script><style>p {}</style><form><input name="q"></form><p>More.</p>',
    ].join('');
    const result = importText(item({ bodies: [{ contentType: 'text/html', value: html }] }));
    expect(onlyStory(result).body).toBe('Watch the strike:\n\nMap\n\nMore.\n');
    expect(messages(result)).toEqual([
      'wire/item.json:11:5  warning  `bodies[0]` has parts that are left out: an `<iframe>` of https://video.example.com/embed/strike (2 times), a `<video>`, a picture without an http(s) source; a story body keeps text, links and http(s) pictures (copy what matters by hand)  import-dropped',
    ]);
  });

  it('should name a field given twice (in any spelling), whose earlier value is left out, unless both say the same', () => {
    const text = [
      '{"uri": "urn:x:twice-item", "versioncreated": "2024-03-06T13:45:00Z", "versionCreated": "2024-03-06T13:45:00Z",',
      ' "headlines": [{"value": "Twice"}], "by": "First Writer", "By": "Second Writer",',
      ' "associations": [{"type": "picture", "creditline": "Old credit", "creditline": "New credit"}]}',
    ].join('\n');
    const result = importText(text);
    expect(onlyStory(result).frontMatter).toMatchObject({ byline: 'Second Writer', image: { credit: 'New credit' } });
    expect(messages(result)).toEqual([
      'wire/item.json:3:53  warning  `associations[0].creditline` is left out: `creditline` follows later in the same map, and the later one is taken (copy what matters by hand)  import-dropped',
      'wire/item.json:2:43  warning  `by` is left out: `By` follows later in the same map, and the later one is taken (copy what matters by hand)  import-dropped',
    ]);
  });

  it('should make the byline of the names in `bylines` when the item has no `by`, and name it when it has', () => {
    const bylines = [{ byline: 'Lars Berg', role: 'reporter' }, { name: 'Anna Weber' }, { displayname: 'Max Müller' }];
    const kept = importText(item({ bylines }));
    expect(onlyStory(kept).frontMatter['byline']).toBe('Lars Berg, Anna Weber, Max Müller');
    expect(messages(kept)).toEqual([]);
    const both = importText(item({ by: 'Lars Berg and Anna Weber', bylines: bylines.slice(0, 2) }));
    expect(onlyStory(both).frontMatter['byline']).toBe('Lars Berg and Anna Weber');
    expect(messages(both)).toEqual([]);
    const other = importText(item({ by: 'Desk', bylines: bylines.slice(0, 1) }));
    expect(leftOut(other)).toEqual(['`bylines` is left out: a story keeps one byline, `by` (copy what matters by hand)']);
  });
});
