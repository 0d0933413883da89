import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/commands/build.js';
import { typesetText } from '../../src/plugins/typography.js';
import { memoryLogger } from '../../src/report/logger.js';
import { parsePage, type ParsedPage } from '../support/html.js';

const repo = path.resolve(import.meta.dirname, '../..');
const seedFile = path.join(repo, 'tests/fixtures/seed/000_6a4f2dafb705a2ba.txt');
const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

describe('the sample story converted from the seed', () => {
  let out = '';
  let page: ParsedPage;
  let seed: string[];
  let messages: readonly string[] = [];
  beforeAll(async () => {
    out = await mkdtemp(path.join(os.tmpdir(), 'wiredesk-seed-'));
    const outcome = await build({ cwd: repo, out, logger: memoryLogger() });
    expect(outcome.ok).toBe(true);
    messages = outcome.messages.map((message) => `${message.file ?? ''}  ${message.reason}  ${message.ruleId ?? ''}`);
    page = parsePage(await readFile(path.join(out, '2018/05/25/putin-japan-hi-tech-cooperation/index.html'), 'utf8'));
    seed = (await readFile(seedFile, 'utf8'))
      .split('\n')
      .map(squash)
      .filter((line) => line !== '');
  });
  afterAll(() => rm(out, { recursive: true, force: true }));

  it('should build the sample site without a word, as the quick start promises', () => {
    expect(messages).toEqual([]);
  });

  it('should show the headline, the date and the section', () => {
    expect(page.text('h1')).toBe(seed[3]);
    expect(page.text('.story-header time')).toBe(seed[1]);
    expect(page.attrs('.story-header time', 'dateTime')).toEqual(['2018-05-25']);
    expect(page.text('.kicker')).toBe(seed[5]);
  });

  it('should show the lead image caption and photo credit as a credit line, with no empty picture frame', () => {
    expect(page.texts('figure')).toEqual([]);
    expect(page.text('.picture-credit')).toBe(`${seed[2]} ${seed[4]}`);
    expect(page.text('.picture-credit .credit')).toBe(seed[4]);
  });

  it('should link the topic, without the source site story count, to its topic page', () => {
    const topic = /^(.*) \(\d+\)$/.exec(seed[7] ?? '')?.[1];
    expect(topic).toBe('St. Petersburg International Economic Forum 2018');
    expect(page.texts('.story-terms a').some((text) => text.startsWith(topic ?? '?'))).toBe(true);
    expect(page.attrs('.story-terms a', 'href')).toContain('/topics/st-petersburg-international-economic-forum-2018/');
  });

  it('should open the body with the dateline and carry every paragraph and quote of the seed', () => {
    const bodyStart = seed.findIndex((line) => line.startsWith('ST PETERSBURG (Sputnik) –'));
    const teaserCaption = seed.findIndex((line) => line.startsWith('President of Russia Vladimir Putin and President of France'));
    const paragraphs = [...seed.slice(bodyStart, teaserCaption), ...seed.slice(teaserCaption + 3, seed.indexOf('Sputnik is the official media partner of the forum.'))].filter(
      (line) => !line.startsWith('READ MORE:'),
    );
    expect(paragraphs.length).toBe(8);
    // The seed's straight quotes are shown as English curly ones.
    expect(page.texts('.story-body p')).toEqual(paragraphs.map((paragraph) => typesetText(paragraph, 'en')));
    expect(page.text('.story-body')).not.toMatch(/["']/);
    expect(page.text('.story-body')).toContain('“Japan is certainly one of our priority partners');
    expect(page.text('.story-body')).toContain('the “Business Dialogue: Russia-Japan” session');
    expect(page.text('.story-body')).toContain('Russia’s second largest city');
    expect(page.text('.story-body p .dateline')).toBe('ST PETERSBURG (Sputnik) –');
  });

  it('should render the inline READ MORE as a callout linking the story it names', () => {
    const headline = seed.find((line) => line.startsWith('READ MORE:'))?.replace('READ MORE: ', '');
    expect(page.text('aside.read-more a')).toBe(headline);
    expect(page.attrs('aside.read-more a', 'href')).toEqual(['/2018/05/25/russian-pipeline-systems-no-rivals-in-europe/']);
  });

  it('should show the embedded related-story teaser with its headline and day, not its photo caption', () => {
    const caption = seed.findIndex((line) => line.startsWith('President of Russia Vladimir Putin and President of France'));
    expect(page.text('.related .card-title a')).toBe('Macron Calls On Putin to Be Flexible in Int’l Affairs ‘Like in Judo’ (VIDEO)');
    expect(seed[caption + 2]).toBe("Macron Calls On Putin to Be Flexible in Int'l Affairs 'Like in Judo' (VIDEO)");
    expect(page.text('.related .card-meta time')).toBe('25 May 2018');
    expect(page.text('.related')).not.toContain(seed[caption]);
  });

  it('should list the tags and end with the closing note', () => {
    const tags = seed[seed.indexOf('Tags:') + 1]?.split(', ');
    expect(tags).toEqual(['cooperation', 'Vladimir Putin', 'Japan', 'Russia']);
    for (const tag of tags ?? []) expect(page.texts('.story-terms a')).toContain(tag);
    expect(page.text('.note')).toBe('Sputnik is the official media partner of the forum.');
  });

  it('should drop the scraped page counters', () => {
    expect(seed).toContain('0 20');
    expect(page.allText).not.toContain('0 20');
  });
});
