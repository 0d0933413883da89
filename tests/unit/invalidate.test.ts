import { describe, expect, it } from 'vitest';
import { invalidatedPages, pagesReading } from '../../src/incremental/invalidate.js';
import { indexReaders } from '../../src/incremental/readers.js';
import type { Page, PageDeps } from '../../src/pages/page.js';

const page = (path: string, deps: Partial<PageDeps>): Page => ({ path, kind: 'tag', deps: { articles: [], teasers: [], collections: [], ...deps }, render: () => '' });

describe('which pages a change touches', () => {
  it('should list the pages whose reads digest is new or different, and the pages that are gone', () => {
    const previous = new Map([
      ['a/', 'one'],
      ['b/', 'two'],
      ['gone/', 'three'],
    ]);
    const next = new Map([
      ['a/', 'one'],
      ['b/', 'two, changed'],
      ['new/', 'four'],
    ]);
    expect(invalidatedPages(previous, next)).toEqual({ changed: ['b/', 'new/'], removed: ['gone/'] });
  });

  it('should find through the readers exactly the pages that read a changed fingerprint', () => {
    const readers = indexReaders([
      page('story-a/', { articles: ['a'] }),
      page('home/', { teasers: ['a', 'b'], collections: ['home'] }),
      page('sitemap.xml', { stamps: ['a', 'b'] }),
      page('tags/japan/', { teasers: ['b'], collections: ['tag/japan'] }),
    ]);
    const none = new Set<string>();
    expect(pagesReading({ articles: new Set(['a']), teasers: none, stamps: none, collections: none }, readers)).toEqual(new Set(['story-a/']));
    expect(pagesReading({ articles: none, teasers: new Set(['b']), stamps: new Set(['b']), collections: none }, readers)).toEqual(new Set(['home/', 'tags/japan/', 'sitemap.xml']));
    expect(pagesReading({ articles: none, teasers: none, stamps: none, collections: new Set(['tag/japan']) }, readers)).toEqual(new Set(['tags/japan/']));
  });
});
