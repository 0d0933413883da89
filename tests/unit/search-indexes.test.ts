import { describe, expect, it } from 'vitest';
import { makeSearchIndexes } from '../../src/search/pagefind-index.js';
import { storySearchDocument } from '../../src/search/story-record.js';
import { storyFixture, testConfig } from '../support/view-fixtures.js';

const config = testConfig();
const documents = (...ids: string[]) => ids.map((id) => storySearchDocument(storyFixture(id, { path: `${id}/` }), config));

describe('making search indexes with Pagefind', () => {
  it('should say once that the first index’s documents are all with Pagefind, before that index is made, and make every index asked for', async () => {
    const said: string[] = [];
    const indexes = [
      { name: 'newest', documents: () => documents('alpha', 'bravo') },
      { name: 'older', documents: () => documents('charlie') },
    ];
    const made = await makeSearchIndexes(indexes, { language: 'en', onFirstSent: () => said.push('sent') }, async (files, position) => {
      said.push(`made ${position}`);
      return files.map((file) => file.path);
    });
    expect(said.indexOf('sent')).toBeLessThan(said.indexOf('made 0'));
    expect(said.filter((entry) => entry === 'sent')).toHaveLength(1);
    expect(made).toHaveLength(2);
    for (const files of made) expect(files).toContain('pagefind-entry.json');
  }, 30_000);
});
