import path from 'node:path';
import { deserialize } from 'node:v8';
import type { SearchBundle } from '../search/bundle.js';
import { documentsToKeep } from '../search/kept-documents.js';
import type { SearchShard } from '../search/shards.js';
import type { SearchDocument } from '../search/story-record.js';
import { readFramedBytes, writeFramed } from './framed-file.js';

// The search documents of the shards a build indexed, kept beside the shards
// (`.wiredesk-cache/search/records.bin`): a publish indexes the newest shard again, and makes
// documents only for the stories new or changed since, taking the others' from here. A document
// is a function of its story file's bytes and path and of what the shards' key base covers, so
// it is kept by the story's path and digest (`SearchShard.stories`) under that base. Only the
// documents of the shards indexed by the last build that indexed any are kept (see
// `makeSearchBundle`), with the newest shard's carried when it was not: the file does not grow
// with the archive.

/** The name of the records' file in the search folder of the cache. */
export const recordsFile = 'records.bin';

const recordsKind = 'wiredesk-cache-search-records-1';

/** The records as the file keeps them: columns of equal length. */
interface StoredRecordColumns {
  readonly base: string;
  readonly stories: readonly string[];
  readonly urls: readonly string[];
  readonly contents: readonly string[];
}

/** The search documents kept in a cache folder, for one key base. */
export interface StoredRecords {
  /** The document kept for `story` (a path and digest, see `SearchShard.stories`), if any. */
  record(story: string): SearchDocument | undefined;
  /** Keep the documents of this build's indexed shards for the next one, and the newest shard's kept ones when it was not indexed. */
  keep(planned: readonly SearchShard[], bundle: SearchBundle): Promise<void>;
}

/**
 * The search documents kept in the cache folder `dir` for `base` (none when there are none, or
 * they are damaged or were made under another base). The file is read when a document is first
 * asked for: a build that indexes no shard does not read it.
 */
export function openStoredRecords(dir: string, base: string): StoredRecords {
  const file = path.join(dir, 'search', recordsFile);
  let kept: Map<string, SearchDocument> | undefined;
  const read = (): Map<string, SearchDocument> => (kept ??= readRecords(file, base));
  return {
    record: (story) => read().get(story),
    async keep(planned, bundle) {
      if (bundle.indexed === 0) return;
      const documents = documentsToKeep(planned, bundle, (story) => read().get(story));
      const written = [...documents.values()];
      const columns: StoredRecordColumns = { base, stories: [...documents.keys()], urls: written.map((document) => document.url), contents: written.map((document) => document.content) };
      await writeFramed(file, recordsKind, columns);
    },
  };
}

/** The kept documents by story, checked; none when the file is missing, damaged or of another base. */
function readRecords(file: string, base: string): Map<string, SearchDocument> {
  const records = new Map<string, SearchDocument>();
  const columns = readColumns(file);
  if (columns?.base !== base || !Array.isArray(columns.stories) || !Array.isArray(columns.urls) || !Array.isArray(columns.contents)) return records;
  const { stories, urls, contents } = columns;
  if (urls.length !== stories.length || contents.length !== stories.length) return records;
  for (const [at, story] of stories.entries()) {
    const url: unknown = urls[at];
    const content: unknown = contents[at];
    if (typeof story !== 'string' || typeof url !== 'string' || typeof content !== 'string') return new Map();
    records.set(story, { url, content });
  }
  return records;
}

/** The file's value, or undefined when it is missing or damaged. */
function readColumns(file: string): Partial<StoredRecordColumns> | undefined {
  const framed = readFramedBytes(file, recordsKind);
  if (!framed) return undefined;
  try {
    return deserialize(framed.bytes) as Partial<StoredRecordColumns> | undefined;
  } catch {
    return undefined;
  }
}
