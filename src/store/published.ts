import { lstatSync } from 'node:fs';
import path from 'node:path';
import type { Article } from '../model/article.js';
import { filePathOf } from '../model/urls.js';
import type { Published } from '../pipeline/resolve.js';
import type { CacheIndex } from './build-cache.js';
import { fromPlainMessage } from './serialize.js';

/**
 * Which stories the last build into `out` published (see `Published`). With that build's cache
 * index: a story file it read, that none of its errors named, whose page it wrote. Without one
 * (the first build with this code or settings, or `--no-cache`): a story whose page is in the
 * output folder. Asked only of stories that share an id, so the output folder is looked at for
 * a handful of files at most.
 */
export function publishedBefore(index: CacheIndex | undefined, out: string): Published {
  if (index?.out === out) {
    const named = new Set(index.messages.flatMap((message) => (fromPlainMessage(message).fatal === true ? [message.file] : [])));
    return (article: Article) => index.stamps.has(article.source) && !named.has(article.displayPath) && index.pages.has(filePathOf(article.path));
  }
  return (article: Article) => lstatSync(path.join(out, filePathOf(article.path)), { throwIfNoEntry: false })?.isFile() === true;
}
