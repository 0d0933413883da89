import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config.js';
import { existingStories, storyIndex } from '../../src/import/existing-stories.js';
import type { ImportedStory } from '../../src/import/imported-story.js';
import { storyFileText } from '../../src/import/story-file-text.js';
import { importText } from '../../src/import/text-format.js';
import type { Article } from '../../src/model/article.js';
import { bodyPieces } from '../../src/model/body-html.js';
import type { SiteConfig } from '../../src/model/config.js';
import { storyToArticle } from '../../src/pipeline/index.js';
import { siteMaker } from '../support/fixture-site.js';
import { parsePage } from '../support/html.js';
import { storyFile } from '../support/story-file.js';

const repo = path.resolve(import.meta.dirname, '../..');
const seedName = 'tests/fixtures/seed/000_6a4f2dafb705a2ba.txt';
const sampleSource = '2018/putin-japan-hi-tech-cooperation.md';
const site = siteMaker();

/** Parse and model one story file's text as the build would. */
function modelOf(source: string, text: string, config: SiteConfig): Article {
  const result = storyToArticle(storyFile(source, text), config, new Set());
  if (!result.article) throw new Error(result.messages.map(String).join('\n'));
  return result.article;
}

/**
 * What a reader gets from an article, without what depends on the file's name and place (id,
 * paths, digest, positions): every other field, the body's HTML and the references' targets.
 */
function readerView(article: Article) {
  const { id: _id, source: _source, displayPath: _displayPath, digest: _digest, places: _places, path: _path, body, related, references, ...rest } = article;
  return {
    ...rest,
    body: { html: bodyPieces(body), links: body.links },
    related: related?.map((entry) => entry.id),
    references: references.map(({ target, kind, index }) => ({ target, kind, index })),
  };
}

describe('importing the seed story', () => {
  let config: SiteConfig;
  let imported: ImportedStory;
  let sampleText: string;
  beforeAll(async () => {
    const resolved = await resolveConfig(undefined, {}, repo);
    if (!resolved.config) throw new Error('site.yaml did not resolve');
    config = resolved.config;
    const existing = storyIndex((await existingStories(path.join(repo, 'stories'))).filter((story) => story.source !== sampleSource));
    const result = importText({ name: seedName, text: await readFile(path.join(repo, seedName), 'utf8') }, existing, { timezone: config.timezone });
    expect(result.problems.map(String)).toEqual([]);
    expect(result.stories).toHaveLength(1);
    imported = result.stories[0] as ImportedStory;
    sampleText = await readFile(path.join(repo, 'stories', sampleSource), 'utf8');
  });

  it('should give the same article as the hand-converted sample story', () => {
    const fromImport = modelOf(`${imported.folder}/${imported.id}.md`, storyFileText(imported), config);
    const fromSample = modelOf(sampleSource, sampleText, config);
    expect(readerView(fromImport)).toEqual(readerView(fromSample));
    // The checks that matter most, spelt out.
    expect(fromImport.title).toBe('Russia Interested in Developing Hi-Tech Industry Cooperation With Japan – Putin');
    expect(imported.frontMatter['date']).toBe('2018-05-25+03:00');
    expect(fromImport.date).toEqual(fromSample.date);
    expect(fromImport.date.dateOnly).toBe(true);
    expect(fromImport.date.iso.slice(0, 10)).toBe('2018-05-25');
    expect(fromImport.references.map((reference) => reference.target)).toEqual(['2018/russian-pipeline-systems-no-rivals-in-europe.md']);
    expect(fromImport.related?.map((entry) => entry.id)).toEqual(['macron-putin-flexible-like-judo']);
  });

  it('should name the story after its headline and file it under its year and month', () => {
    expect(imported.id).toBe('russia-interested-developing-hi-tech-industry-cooperation-japan-putin');
    expect(imported.folder).toBe('2018/05');
  });

  it('should build into a site whose READ MORE and related teaser link the existing stories', async () => {
    const [pipeline, judo] = await Promise.all(
      ['russian-pipeline-systems-no-rivals-in-europe.md', 'macron-putin-flexible-like-judo.md'].map((file) => readFile(path.join(repo, 'stories/2018', file), 'utf8')),
    );
    const built = await site(`
-- site.yaml --
timezone: Europe/Moscow
baseUrl: https://example.com/
-- stories/2018/russian-pipeline-systems-no-rivals-in-europe.md --
${pipeline}
-- stories/2018/macron-putin-flexible-like-judo.md --
${judo}
`);
    await built.write(`stories/${imported.folder}/${imported.id}.md`, storyFileText(imported));
    const outcome = await built.build();
    expect(outcome.lines.join('\n')).not.toMatch(/error|warning/);
    expect(outcome.ok).toBe(true);
    const page = parsePage(await built.read(`2018/05/25/${imported.id}/`));
    expect(page.attrs('aside.read-more a', 'href')).toEqual(['/2018/05/25/russian-pipeline-systems-no-rivals-in-europe/']);
    expect(page.text('aside.read-more a')).toBe('Russian Pipeline Systems Have No Rivals in Europe — Putin');
    expect(page.text('.related .card-title a')).toBe('Macron Calls On Putin to Be Flexible in Int’l Affairs ‘Like in Judo’ (VIDEO)');
    expect(page.text('.story-body p .dateline')).toBe('ST PETERSBURG (Sputnik) –');
    expect(page.text('.note')).toBe('Sputnik is the official media partner of the forum.');
  });
});
