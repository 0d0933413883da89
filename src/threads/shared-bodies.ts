import type { BodyHtml } from '../model/body-html.js';
import type { LinkedArticle, PlainSite } from '../model/site.js';

/**
 * The plain site with every story body's bytes copied into one `SharedArrayBuffer`, to post to
 * several threads: a structured clone shares that memory with each of them where it would copy
 * every body into each (at 10,000 stories, some 50 MiB a thread). The bytes are the same, and
 * nothing writes to them: a body is serialized once, when its story is modelled. An article
 * listed twice (in `articles` and `byId`) stays one object, as the clone keeps it.
 */
export function withSharedBodies(site: PlainSite): PlainSite {
  const bodies = new Map<BodyHtml, BodyHtml>();
  let total = 0;
  for (const article of [...site.articles, ...site.withdrawn, ...site.byId.values()]) {
    if (bodies.has(article.body)) continue;
    bodies.set(article.body, article.body);
    total += article.body.bytes.byteLength;
  }
  const shared = new Uint8Array(new SharedArrayBuffer(total));
  let offset = 0;
  for (const body of bodies.keys()) {
    shared.set(body.bytes, offset);
    bodies.set(body, { ...body, bytes: shared.subarray(offset, offset + body.bytes.byteLength) });
    offset += body.bytes.byteLength;
  }
  const moved = new Map<LinkedArticle, LinkedArticle>();
  const withShared = (article: LinkedArticle): LinkedArticle => {
    let copy = moved.get(article);
    if (!copy) {
      copy = { ...article, body: bodies.get(article.body) ?? article.body };
      moved.set(article, copy);
    }
    return copy;
  };
  return {
    ...site,
    articles: site.articles.map(withShared),
    withdrawn: site.withdrawn.map(withShared),
    byId: new Map([...site.byId].map(([id, article]) => [id, withShared(article)])),
  };
}
