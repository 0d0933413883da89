import { describe, expect, it } from 'vitest';
import { makeSearchIndexes } from '../../src/search/pagefind-index.js';

// Pagefind's service driven from the build's thread: when it starts indexing.

const page = (word: string) => ({ url: `/${word}/`, content: `<html lang="en"><head><title>${word}</title></head><body><article data-pagefind-body><p>${word}</p></article></body></html>` });

describe('makeSearchIndexes', () => {
  it('should send Pagefind no document before the work it is told to wait for is done', async () => {
    let released = false;
    let release = () => {};
    const after = new Promise<void>((resolve) => (release = resolve));
    let sentAfterRelease: boolean | undefined;
    const made = makeSearchIndexes(
      [
        {
          name: 'one',
          *documents() {
            sentAfterRelease = released;
            yield page('walrus');
          },
        },
      ],
      { language: 'en', after },
      async (files) => Promise.resolve(files.length),
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    released = true;
    release();
    expect((await made)[0]).toBeGreaterThan(0);
    expect(sentAfterRelease).toBe(true);
  }, 30_000);
});
