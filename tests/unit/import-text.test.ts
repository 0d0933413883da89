import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import path from 'node:path';
import { fromHtml } from 'hast-util-from-html';
import { selectAll } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { ExistingStories, ExistingStory, ImportResult } from '../../src/import/imported-story.js';
import { headlineKey } from '../../src/import/story-link.js';
import { importText } from '../../src/import/text-format.js';
import { bodyPieces } from '../../src/model/body-html.js';
import { defaultConfig } from '../../src/config.js';
import { typesetText } from '../../src/plugins/typography.js';
import { storyToArticle } from '../../src/pipeline/index.js';
import { articleOf, storyFile } from '../support/story-file.js';

const seed = readFileSync(path.resolve(import.meta.dirname, '../fixtures/seed/000_6a4f2dafb705a2ba.txt'), 'utf8');
const pipeline: ExistingStory = {
  id: 'russian-pipeline-systems-no-rivals-in-europe',
  source: '2018/russian-pipeline-systems-no-rivals-in-europe.md',
  title: 'Russian Pipeline Systems Have No Rivals in Europe — Putin',
};
const judo: ExistingStory = {
  id: 'macron-putin-flexible-like-judo',
  source: '2018/macron-putin-flexible-like-judo.md',
  title: "Macron Calls On Putin to Be Flexible in Int'l Affairs 'Like in Judo' (VIDEO)",
};

/** An `ExistingStories` that knows exactly the given stories. */
function knowing(...stories: ExistingStory[]): ExistingStories {
  return {
    byTitle: (title) => stories.find((story) => headlineKey(story.title) === headlineKey(title)),
    byId: (id) => stories.find((story) => story.id === id),
    byWireUri: () => undefined,
  };
}

const importOf = (text: string, existing: ExistingStories = knowing(), timezone?: string): ImportResult => importText({ name: 'wire/story.txt', text }, existing, { timezone });
/** The problems as `line:column rule` strings. */
const problemsOf = (result: ImportResult) => result.problems.map((problem) => `${problem.line}:${problem.column} ${problem.ruleId}`);
const onlyStory = (result: ImportResult) => {
  expect(result.problems.filter((problem) => problem.fatal === true).map(String)).toEqual([]);
  expect(result.stories).toHaveLength(1);
  const [story] = result.stories;
  if (!story) throw new Error('no story');
  return story;
};
/** A scraped story from its lines (indented like the seed). */
const scraped = (...lines: string[]) => lines.map((line) => (line === '' ? '' : `    ${line}`)).join('\n');
/** The smallest story of the seed's shape: date, headline, dateline and two paragraphs. */
const minimal = (...extra: string[]) => scraped('25 May 2018', 'Headline of the Day', '', 'MOSCOW (Sputnik) – First paragraph.', '', 'Second paragraph.', ...extra);

describe('importing scraped text', () => {
  describe('the seed story', () => {
    it('should read every block of the seed when the stories it names exist', () => {
      const story = onlyStory(importOf(seed, knowing(pipeline, judo)));
      expect(story.id).toBe('russia-interested-developing-hi-tech-industry-cooperation-japan-putin');
      expect(story.folder).toBe('2018/05');
      expect(story.frontMatter).toEqual({
        title: 'Russia Interested in Developing Hi-Tech Industry Cooperation With Japan – Putin',
        date: '2018-05-25',
        section: 'Business',
        topics: ['St. Petersburg International Economic Forum 2018'],
        tags: ['cooperation', 'Vladimir Putin', 'Japan', 'Russia'],
        dateline: { place: 'ST PETERSBURG', agency: 'Sputnik' },
        image: {
          alt: 'Russian President Vladimir Putin and Japanese Prime Minister Shinzo Abe',
          caption: 'Russian President Vladimir Putin and Japanese Prime Minister Shinzo Abe.',
          credit: '© REUTERS / Alexander Zemlianichenko/Pool',
        },
        related: ['macron-putin-flexible-like-judo'],
        note: 'Sputnik is the official media partner of the forum.',
      });
      expect(Object.keys(story.frontMatter)).toEqual(['title', 'date', 'section', 'topics', 'tags', 'dateline', 'image', 'related', 'note']);
    });

    it('should turn READ MORE into a story link from the new story’s folder, and leave the teaser and furniture out of the body', () => {
      const { body } = onlyStory(importOf(seed, knowing(pipeline, judo)));
      const paragraphs = body.trimEnd().split('\n\n');
      expect(paragraphs).toHaveLength(9);
      expect(paragraphs[0]).toBe('Russia is interested in developing cooperation with Japan in the hi-tech sector, Russian President Vladimir Putin said Friday.');
      expect(paragraphs[2]).toBe('READ MORE: [](../russian-pipeline-systems-no-rivals-in-europe.md)');
      expect(paragraphs[3]).toBe('He added that Japan was one of Russia’s priority partners for cooperation in the Asia-Pacific region.');
      for (const gone of ['Macron', '©', 'Sputnik is the official', 'Topic', 'Tags', '0 20', 'Register', '\u00A0', '  ']) expect(body).not.toContain(gone);
    });

    it('should leave READ MORE and the teaser out of the body, each with a warning, when the stories do not exist', () => {
      const result = importOf(seed);
      const story = onlyStory(result);
      expect(problemsOf(result)).toEqual(['17:5 import-unresolved-read-more', '29:5 import-unresolved-related']);
      expect(result.problems.every((problem) => problem.fatal === false && problem.file === 'wire/story.txt')).toBe(true);
      expect(result.problems[0]?.reason).toContain('"Russian Pipeline Systems Have No Rivals in Europe — Putin"');
      expect(result.problems[0]?.reason).toContain('left out of the body');
      expect(result.problems[1]?.reason).toContain('Macron Calls On Putin');
      expect(result.problems.every((problem) => problem.reason.includes('import this story again with --force'))).toBe(true);
      expect(story.body).not.toContain('READ MORE');
      expect(story.body).not.toContain('Rivals in Europe');
      expect(story.body.trimEnd().split('\n\n')).toHaveLength(8);
      expect(story.body).not.toContain('Macron');
      expect(story.frontMatter).not.toHaveProperty('related');
    });

    it('should read CRLF line endings as LF', () => {
      expect(importOf(seed.replace(/\n/g, '\r\n'), knowing(pipeline, judo))).toEqual(importOf(seed, knowing(pipeline, judo)));
      expect(problemsOf(importOf(seed.replace(/\n/g, '\r\n')))).toEqual(problemsOf(importOf(seed)));
    });

    it('should give the same result for the same input, every time', () => {
      const existing = knowing(pipeline, judo);
      const first = importOf(seed, existing);
      expect(importOf(seed, existing)).toEqual(first);
      expect(importOf(seed)).toEqual(importOf(seed));
    });
  });

  describe('stories with fewer blocks', () => {
    it('should import a story with no picture, section, topic or tags', () => {
      const story = onlyStory(importOf(minimal()));
      expect(story.frontMatter).toEqual({ title: 'Headline of the Day', date: '2018-05-25', dateline: { place: 'MOSCOW', agency: 'Sputnik' } });
      expect(story.body).toBe('First paragraph.\n\nSecond paragraph.\n');
      expect(story.id).toBe('headline-day');
    });

    it('should keep the first paragraph whole when there is no dateline', () => {
      const story = onlyStory(importOf(scraped('25 May 2018', 'Headline of the Day', '', 'Moscow said on Friday it would act.', '', 'More.')));
      expect(story.frontMatter).not.toHaveProperty('dateline');
      expect(story.body).toBe('Moscow said on Friday it would act.\n\nMore.\n');
    });

    it('should read a dateline without an agency', () => {
      const story = onlyStory(importOf(scraped('25 May 2018', 'Headline', '', 'WASHINGTON D.C. — Text.')));
      expect(story.frontMatter.dateline).toEqual({ place: 'WASHINGTON D.C.' });
    });

    it('should read a credit with no caption as a picture with only a credit', () => {
      const story = onlyStory(importOf(scraped('25 May 2018', 'Headline', '© AP', 'World', '', 'Text.')));
      expect(story.frontMatter).toMatchObject({ title: 'Headline', image: { credit: '© AP' }, section: 'World' });
    });

    it('should read the section, the topic on its label’s line and a time without a picture', () => {
      const story = onlyStory(importOf(scraped('14:03 25.05.2018 (updated 15:10 25.05.2018)', 'Headline', 'Science & Tech', 'Topic: Space Race (3)', '1 7', '', 'Text.'), knowing(), 'Europe/Moscow'));
      expect(story.frontMatter).toEqual({ title: 'Headline', date: '2018-05-25T14:03:00+03:00', updated: '2018-05-25T15:10:00+03:00', section: 'Science & Tech', topics: ['Space Race'] });
    });

    it('should write the offset of the time zone it is given, for a time and for a bare day, daylight saving included', () => {
      expect(onlyStory(importOf(scraped('14:03 25.01.2018', 'Headline', '', 'Text.'), knowing(), 'Europe/Berlin')).frontMatter.date).toBe('2018-01-25T14:03:00+01:00');
      expect(onlyStory(importOf(scraped('14:03 25.05.2018', 'Headline', '', 'Text.'), knowing(), 'Europe/Berlin')).frontMatter.date).toBe('2018-05-25T14:03:00+02:00');
      expect(onlyStory(importOf(seed, knowing(pipeline, judo), 'Europe/Moscow')).frontMatter.date).toBe('2018-05-25+03:00');
    });

    it('should keep the offset the text writes, whatever time zone it is given', () => {
      const story = onlyStory(importOf(scraped('2018-05-25T14:03:00+05:00', 'Headline', '', 'Text.'), knowing(), 'Europe/Moscow'));
      expect(story.frontMatter.date).toBe('2018-05-25T14:03:00+05:00');
    });

    it('should keep only the day of a time it cannot place, with a warning, and a bare day as it is', () => {
      const result = importOf(scraped('14:03 25.05.2018 (updated 15:10 26.05.2018)', 'Headline', '', 'Text.'));
      expect(onlyStory(result).frontMatter).toMatchObject({ date: '2018-05-25', updated: '2018-05-26' });
      expect(problemsOf(result)).toEqual(['1:5 import-dropped', '1:5 import-dropped']);
      expect(result.problems[0]?.reason).toContain('`date` time 14:03 has no time zone');
      expect(result.problems[0]?.reason).toContain('--timezone');
      expect(result.problems[1]?.reason).toContain('`updated` time 15:10');
      const bare = importOf(minimal());
      expect(onlyStory(bare).frontMatter.date).toBe('2018-05-25');
      expect(problemsOf(bare)).toEqual([]);
    });

    it('should read dates with a weekday, and ISO dates with their offset', () => {
      expect(onlyStory(importOf(scraped('Friday, 25 May 2018', 'Headline', '', 'Text.'))).frontMatter.date).toBe('2018-05-25');
      const iso = onlyStory(importOf(scraped('date 2018-05-25T14:03+0300 Register', '25 May 2018', 'Headline', '', 'Text.')));
      expect(iso.frontMatter.date).toBe('2018-05-25T14:03:00+03:00');
    });

    it('should read a section that is followed by the topic block after a blank line', () => {
      const story = onlyStory(importOf(scraped('May 25, 2018', 'Headline', '', 'Business', 'Topic:', 'Forum (2)', '', 'Text.')));
      expect(story.frontMatter).toMatchObject({ section: 'Business', topics: ['Forum'] });
    });

    it('should not take a short first paragraph for a section', () => {
      const story = onlyStory(importOf(scraped('25 May 2018', 'Headline', '', 'Short one', '', 'Text.')));
      expect(story.frontMatter).not.toHaveProperty('section');
      expect(story.body).toBe('Short one\n\nText.\n');
    });

    it('should link several READ MORE lines, and leave the unknown one out', () => {
      const result = importOf(
        minimal('', `READ MORE: ${judo.title}`, '', 'Middle.', '', 'read more: Nothing by That Name', '', `READ MORE:  ${pipeline.title.replace('—', '-')}`),
        knowing(pipeline, judo),
      );
      const story = onlyStory(result);
      expect(story.body).toBe(
        ['First paragraph.', 'Second paragraph.', 'READ MORE: [](../macron-putin-flexible-like-judo.md)', 'Middle.', 'READ MORE: [](../russian-pipeline-systems-no-rivals-in-europe.md)'].join('\n\n') +
          '\n',
      );
      expect(problemsOf(result)).toEqual(['12:5 import-unresolved-read-more']);
    });

    it('should list each related teaser once, in order', () => {
      const teaser = (story: ExistingStory) => ['A caption.', '© Sputnik / Someone', story.title];
      const story = onlyStory(importOf(minimal('', ...teaser(judo), 'After.', '', ...teaser(pipeline), '', ...teaser(judo)), knowing(pipeline, judo)));
      expect(story.frontMatter.related).toEqual([judo.id, pipeline.id]);
      expect(story.body).toBe('First paragraph.\n\nSecond paragraph.\n\nAfter.\n');
    });

    it('should drop an embedded picture that is not a teaser, with a warning at its caption', () => {
      const result = importOf(minimal('', 'A caption.', '© Sputnik', '', 'After.'));
      expect(onlyStory(result).body).toBe('First paragraph.\n\nSecond paragraph.\n\nAfter.\n');
      expect(problemsOf(result)).toEqual(['8:5 import-dropped']);
    });

    it('should take the note only when it starts with the agency’s name', () => {
      expect(onlyStory(importOf(minimal('', 'Sputnik is a partner.'))).frontMatter.note).toBe('Sputnik is a partner.');
      const noAgency = onlyStory(importOf(scraped('25 May 2018', 'Headline', '', 'MOSCOW – Text.', '', 'Sputnik is a partner.')));
      expect(noAgency.frontMatter).not.toHaveProperty('note');
    });

    it('should merge the topics of header and footer, split tags on commas and drop nameless ones', () => {
      const result = importOf(minimal('', 'Topic:', 'Forum (40)', 'Summit', '', 'Tags:', 'Japan, , Russia,Japan, ...'));
      const story = onlyStory(result);
      expect(story.frontMatter).toMatchObject({ topics: ['Forum', 'Summit'], tags: ['Japan', 'Russia'] });
      expect(problemsOf(result)).toEqual(['13:28 import-dropped']);
    });

    it('should warn about text after the footer and drop it', () => {
      const result = importOf(minimal('', 'Tags:', 'Japan', '', 'Comments are closed.'));
      expect(onlyStory(result).body).not.toContain('Comments');
      expect(problemsOf(result)).toEqual(['11:5 import-dropped']);
    });
  });

  describe('inputs it cannot import', () => {
    it('should name the missing date, at the first line', () => {
      const result = importOf(scraped('Headline', '', 'MOSCOW (Sputnik) – Text.'));
      expect(result.stories).toEqual([]);
      expect(problemsOf(result)).toEqual(['1:5 import-missing-field']);
      expect(result.problems[0]?.reason).toContain('`date`');
    });

    it('should report a date that is not in the calendar, and date lines that disagree', () => {
      expect(problemsOf(importOf(scraped('31 February 2018', 'Headline', '', 'Text.')))).toEqual(['1:5 import-invalid-field']);
      const disagreeing = importOf(scraped('date 2018-05-25 Register', '26 May 2018', 'Headline', '', 'Text.'));
      expect(problemsOf(disagreeing)).toEqual(['2:5 import-invalid-field']);
      expect(disagreeing.problems[0]?.reason).toBe('`date` is 2018-05-26 here but 2018-05-25 at 1:5, expected the date lines to agree');
    });

    it('should name the missing headline, at the line after the date', () => {
      expect(problemsOf(importOf(scraped('25 May 2018', '', 'MOSCOW (Sputnik) – Text.')))).toEqual(['3:5 import-missing-field']);
      expect(problemsOf(importOf(scraped('25 May 2018', '© AP', 'Text.')))).toEqual(['2:5 import-missing-field']);
      expect(importOf(scraped('25 May 2018')).problems[0]?.reason).toContain('`headline`');
    });

    it('should report a story with no paragraph', () => {
      const result = importOf(scraped('25 May 2018', 'Headline', '', 'Tags:', 'Japan'));
      expect(problemsOf(result)).toEqual(['2:5 import-missing-field']);
      expect(result.problems[0]?.reason).toContain('body');
    });

    it('should say clearly when the input is not scraped story text at all', () => {
      const cases: [string, string, string][] = [
        ['Just some prose.\n\nAnd more prose.', '1:1 import-malformed', 'Not a scraped story'],
        ['  {"uri": "urn:x", "headline": "H"}', '1:3 import-malformed', '--format ninjs'],
        ['\n<html><body>Hi</body></html>', '2:1 import-malformed', 'HTML'],
        [' \r\n\t\n', '1:1 import-malformed', 'Empty input'],
        ['25 May\n2018\u0000', '2:5 import-malformed', 'NUL'],
      ];
      for (const [text, problem, words] of cases) {
        const result = importOf(text);
        expect(result.stories).toEqual([]);
        expect(problemsOf(result)).toEqual([problem]);
        expect(result.problems[0]?.reason).toContain(words);
      }
    });
  });

  describe('story ids', () => {
    it('should spell ids in ASCII, transliterating Cyrillic and hashing what cannot be spelt', () => {
      expect(onlyStory(importOf(scraped('25 May 2018', 'Путин встретился с Абэ в Санкт-Петербурге', '', 'Текст.'))).id).toBe('putin-vstretilsia-s-abe-v-sankt-peterburge');
      expect(onlyStory(importOf(scraped('25 May 2018', 'Ça va, Zürich? U.S. Says “No”', '', 'Text.'))).id).toBe('ca-va-zurich-us-says-no');
      expect(onlyStory(importOf(scraped('25 May 2018', '習近平 G20', '', 'Text.'))).id).toMatch(/^g20-[0-9a-f]{8}$/);
      expect(onlyStory(importOf(scraped('25 May 2018', '習近平', '', 'Text.'))).id).toMatch(/^story-[0-9a-f]{8}$/);
    });

    it('should add a digest when another story already has the id, but not when it is this story again', () => {
      const other: ExistingStory = { id: 'headline-day', source: '2018/05/headline-day.md', title: 'Headline for a Day' };
      expect(onlyStory(importOf(minimal(), knowing(other))).id).toMatch(/^headline-day-[0-9a-f]{8}$/);
      const same: ExistingStory = { ...other, title: 'HEADLINE  of the day' };
      expect(onlyStory(importOf(minimal(), knowing(same))).id).toBe('headline-day');
    });
  });

  describe('hostile text', () => {
    const hostile = [
      '1. not a list',
      '# not a heading',
      '*not emphasis* and _not_ either',
      '[not a link](javascript:alert(1)) and <https://example.com>',
      '<script>alert("x")</script> & &amp; ]]> </p>',
      '> not a quote | not | a table',
      '    `not code` \\ backslash',
    ];
    const text = scraped(
      '25 May 2018',
      'Headline </script><b>bold</b> "quoted" ]]>',
      '',
      `MOSCOW (Sputnik) – ${hostile[0]}`,
      ...hostile.slice(1).flatMap((line) => ['', line]),
      '',
      'Tags:',
      '<i>tag</i>, a: b',
    );

    it('should keep Markdown and HTML metacharacters as text in the built story', () => {
      const story = onlyStory(importOf(text));
      const file = `---\n${stringify(story.frontMatter)}---\n\n${story.body}`;
      const article = articleOf(`${story.folder}/${story.id}.md`, file, { ...defaultConfig, timezone: 'Europe/Moscow' });
      expect(article.title).toBe('Headline </script><b>bold</b> “quoted” ]]>');
      expect(article.tags.map((tag) => tag.name)).toEqual(['<i>tag</i>', 'a: b']);
      const body = fromHtml(bodyPieces(article.body).join(''), { fragment: true });
      expect(
        selectAll('*', body)
          .map((element) => element.tagName)
          .filter((name) => name !== 'p' && name !== 'span'),
      ).toEqual([]);
      const paragraphs = selectAll('p', body).map((element) => toString(element));
      // The text as written, in English typography (`alert(“x”)`).
      expect(paragraphs).toEqual([`MOSCOW (Sputnik) – ${hostile[0]}`, ...hostile.slice(1).map((line) => typesetText(line.trim(), 'en'))]);
      expect(article.references).toEqual([]);
    });

    it('should, for any text, either make a story file that builds or say why not, never throw', () => {
      const config = { ...defaultConfig, timezone: 'Europe/Moscow' };
      const piece = fc.oneof(
        fc.string({ unit: 'binary', maxLength: 30 }),
        fc.constantFrom('25 May 2018', '© AP', 'Topic:', 'Tags:', 'READ MORE: Headline of the Day', 'MOSCOW (Sputnik) – ', '0 20', '', '\r\n', '<script>', '---', '- [x]', '"', ': ', '#'),
      );
      // Half the inputs open with a date and a headline, so that many of them are stories.
      const text = fc.tuple(fc.boolean(), fc.array(piece, { maxLength: 12 })).map(([dated, pieces]) => [...(dated ? ['25 May 2018', 'Headline'] : []), ...pieces].join('\n'));
      fc.assert(
        fc.property(text, (input) => {
          const result = importOf(input, knowing({ id: 'other', source: '2018/other.md', title: 'Headline of the Day' }));
          if (result.stories.length === 0) return result.problems.some((problem) => problem.fatal === true);
          const [story] = result.stories;
          if (!story) return false;
          const modelled = storyToArticle(storyFile(`${story.folder}/${story.id}.md`, `---\n${stringify(story.frontMatter)}---\n\n${story.body}`), config, new Set());
          expect(modelled.messages.map(String)).toEqual([]);
          return modelled.article !== undefined;
        }),
        { numRuns: 300 },
      );
    });

    it('should remove control characters and zero-width spaces', () => {
      const story = onlyStory(importOf(scraped('25 May 2018', 'Head\u0007line\u200B', '', 'Te\u0000xt'.replace('\u0000', '\u001B'))));
      expect(story.frontMatter.title).toBe('Headline');
      expect(story.body).toBe('Text\n');
    });
  });
});
