import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config.js';
import { bodyPieces } from '../../src/model/body-html.js';
import { plainSite, type PlainSite } from '../../src/model/site.js';
import { resolveSite } from '../../src/pipeline/resolve.js';
import { withSharedBodies } from '../../src/threads/shared-bodies.js';
import { articleOf } from '../support/story-file.js';

const stories = [
  articleOf('a.md', '---\ntitle: A\ndate: 2018-05-25T10:00:00Z\nsection: World\n---\n\nSee [b](b.md), “quoted” — and more.\n'),
  articleOf('b.md', '---\ntitle: B\ndate: 2018-05-24T10:00:00Z\nsection: World\n---\n\nBody of *b*.\n'),
  articleOf('c.md', '---\ntitle: C\ndate: 2018-05-23T10:00:00Z\nstatus: canceled\n---\n\nWithdrawn body.\n'),
];

function plainTestSite(): PlainSite {
  const { site } = resolveSite(stories, defaultConfig);
  if (!site) throw new Error('The test site did not resolve');
  return plainSite(site);
}

describe('story bodies shared with the render threads', () => {
  it('should keep every body byte for byte, in one shared buffer, and each article listed twice one object', () => {
    const site = plainTestSite();
    const shared = withSharedBodies(site);
    const everyArticle = [...shared.articles, ...shared.withdrawn];
    expect(shared.withdrawn.map((article) => article.id)).toHaveLength(1);
    const buffers = new Set(everyArticle.map((article) => article.body.bytes.buffer));
    expect(buffers.size).toBe(1);
    expect([...buffers][0]).toBeInstanceOf(SharedArrayBuffer);
    for (const article of shared.articles) {
      const before = site.byId.get(article.id);
      expect(bodyPieces(article.body)).toEqual(before ? bodyPieces(before.body) : undefined);
      expect(shared.byId.get(article.id)).toBe(article);
    }
    // The site it was made from keeps its own bytes.
    expect(site.articles.every((article) => !(article.body.bytes.buffer instanceof SharedArrayBuffer))).toBe(true);
  });

  it('should give a thread the bodies without copying them: the thread reads the very bytes posted', async () => {
    const shared = withSharedBodies(plainTestSite());
    const first = shared.articles[0];
    if (!first) throw new Error('The test site has no story');
    const worker = new Worker(
      `const { parentPort } = require('node:worker_threads');
       parentPort.once('message', (site) => {
         const bytes = site.articles[0].body.bytes;
         parentPort.postMessage({ shared: bytes.buffer instanceof SharedArrayBuffer, text: new TextDecoder().decode(bytes) });
         bytes[0] = 0x21;
         parentPort.postMessage('written');
       });`,
      { eval: true },
    );
    try {
      const replies: unknown[] = [];
      const done = new Promise<void>((resolve, reject) => {
        worker.on('message', (reply: unknown) => {
          replies.push(reply);
          if (reply === 'written') resolve();
        });
        worker.once('error', reject);
      });
      const text = new TextDecoder().decode(first.body.bytes);
      worker.postMessage(shared);
      await done;
      expect(replies[0]).toEqual({ shared: true, text });
      // A write on the other thread is seen here: one memory, not a copy (render threads never write to it).
      expect(first.body.bytes[0]).toBe(0x21);
    } finally {
      await worker.terminate();
    }
  });
});
