import type { SearchBundle } from './bundle.js';
import type { SearchShard } from './shards.js';
import type { SearchDocument } from './story-record.js';

/**
 * The documents to keep after an indexing of `planned`, by story (see `SearchShard.stories`): those
 * of the shards whose documents the bundle kept (see `makeSearchBundle`), and the newest shard's
 * kept `earlier` when it was not indexed again, so that the next publish finds them.
 */
export function documentsToKeep(planned: readonly SearchShard[], bundle: SearchBundle, earlier: (story: string) => SearchDocument | undefined): Map<string, SearchDocument> {
  const kept = new Map<string, SearchDocument>();
  for (const [position, shard] of planned.entries()) {
    const documents = bundle.documents.get(shard.period);
    if (documents) shard.stories.forEach((story, at) => kept.set(story, documents[at] as SearchDocument));
    else if (position === 0) {
      for (const story of shard.stories) {
        const document = earlier(story);
        if (document) kept.set(story, document);
      }
    }
  }
  return kept;
}
