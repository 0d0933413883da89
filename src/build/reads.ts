import { hash } from 'node:crypto';
import { changedReads, readsAnyChange } from '../incremental/changed-reads.js';
import { keepsDepsAfterAdditions } from '../incremental/frame-additions.js';
import { fingerprintSite, lazyFingerprints } from '../incremental/fingerprints.js';
import { fingerprintsByKind } from '../incremental/kind-fingerprints.js';
import { pageReadsDigest, withCountsRead } from '../incremental/page-reads.js';
import { countsByKind, fieldsOfAnyGroup, sameReadFields, unionOfReadFields, type ReadFields } from '../incremental/read-fields.js';
import { readRecorder, type ReadRecorder } from '../incremental/read-tracking.js';
import { changeReaders } from '../incremental/change-readers.js';
import { filePathOf } from '../model/urls.js';
import type { OutputFile } from '../output/write.js';
import { renderNamingPage } from '../overrides/failure.js';
import type { Page } from '../pages/page.js';
import type { CachedPage } from '../store/build-cache.js';
import { storyVersions } from '../store/story-cache.js';
import type { Assembly } from './assemble.js';
import type { StoriesRead } from './read.js';
import type { BuildSetup } from './setup.js';

// Reads, the third phase of a build: what each page reads (a digest of the fingerprints of the
// stories and collections it shows, and of the site's templates it is rendered with), and so
// which pages are unchanged since the last build and need no rendering.

/** A page of the site as the write stage takes it, with what it reads. */
export interface PageOutput extends OutputFile {
  readonly kind: Page['kind'];
  /** Its file in the output folder. */
  readonly file: string;
  /** The digest of what it reads (see `pageReadsDigest`): the same as the last build's, it is unchanged. */
  readonly reads: string;
}

/** Every page of the site with what it reads, and the last build's pages when they were written to this output folder. */
export interface PageReads {
  readonly outputs: readonly PageOutput[];
  readonly lastPages: ReadonlyMap<string, CachedPage> | undefined;
  /** What the renders of this build read of teasers and stamps (see `readRecorder`): rendering records it. */
  readonly recorder: ReadRecorder;
  /**
   * The reads of each page to keep for the next build (in the order of `outputs`), once every page is
   * rendered: with the fields this build's renders recorded, when they differ from those the digests used.
   */
  readonly recordedReads: () => { readonly fields: ReadFields; readonly reads: readonly string[]; readonly listCounts: readonly boolean[] };
}

/**
 * What each page of the `assembly` reads and whether it is unchanged. With the last build's frame,
 * a page reads what it read then unless it reads a story modelled anew whose fingerprint changed,
 * or a collection that changed; with new stories added, so do the pages whose dependencies stay the same.
 */
export function readPages(setup: BuildSetup, read: StoriesRead, assembly: Assembly): PageReads {
  const { site, extension } = assembly;
  const { modelled, cachedStories, index, templatesKept, templateReads, outputThere, ceiling } = read;
  const incremental = assembly.by !== 'resolved';
  // What renders read of teasers and stamps is recorded (see `readRecorder`): pages are compared by what the last build's read.
  const recorder = readRecorder();
  const startFields = index?.readFields ?? {};
  const anyPage = fieldsOfAnyGroup(startFields);
  // Asked for a few pages' reads, fingerprints are computed as needed; for all of them, at once (a third cheaper).
  const fingerprints = incremental ? lazyFingerprints(site, anyPage, read.code) : fingerprintSite(site, anyPage, read.code);
  const fingerprintsOf = fingerprintsByKind(site, startFields, fingerprints, anyPage);
  const lastPages = index?.out === setup.out ? index.pages : undefined;
  // Found when assembling, in the cache index this reads too (see `PageFiles`).
  const pageFiles = assembly.pageFiles;
  const anew = () => [...modelled.fresh].flatMap((source) => storyVersions(source, modelled.entries, cachedStories));
  const changed = incremental ? changedReads(site, anew(), anyPage, extension?.changedCollections, extension?.relinked) : undefined;
  // Files of the theme are digested again every time: they are few, and the site card's print (its `place`) changes with a logo no story reads.
  const keepsReads = (page: Page) => templatesKept && page.kind !== 'asset' && (assembly.by === 'reused' || (extension !== undefined && keepsDepsAfterAdditions(page, extension)));
  // A list page whose last render read its list's story count (see `noteListCountRead`) reads that count too,
  // and a page of a group whose renders read the counts of collections it names by name, those counts.
  const countedBefore: boolean[] = [];
  const startCounts = countsByKind(startFields);
  // Story pages and feeds are most of a site: those that may read a change are found from the site, the others' dependencies never made.
  const readers = changed && templatesKept ? changeReaders(site, changed, { article: startCounts('article'), feed: startCounts('feed') }) : undefined;
  // Known from `readers` alone: a story page, or a feed whose last render read no story count, that reads no change.
  const readsNoChange = (page: Page, countedThen: boolean) =>
    page.kind === 'article'
      ? readers?.storyPages !== undefined && !readers.storyPages.has(page.path)
      : page.kind === 'feed' && !countedThen && readers?.feeds !== undefined && page.listOf !== undefined && !readers.feeds.has(page.listOf);
  const outputs = assembly.pages.map((planned, position): PageOutput => {
    const file = pageFiles?.files[position] ?? filePathOf(planned.path);
    const before = lastPages && (pageFiles ? pageFiles.last[position] : lastPages.get(file));
    const countedThen = before?.listCount === true;
    countedBefore[position] = countedThen;
    const mayKeep = before !== undefined && changed !== undefined && keepsReads(planned);
    // The page with the counts it reads, made once, and only when the change readers cannot tell.
    const counted = mayKeep && readsNoChange(planned, countedThen) ? undefined : withCountsRead(planned, countedThen, startCounts(planned.kind));
    const keptReads = mayKeep && (counted === undefined || !readsAnyChange(counted.deps, changed));
    const reads = keptReads
      ? before.reads
      : withTemplates(pageReadsDigest(counted ?? withCountsRead(planned, countedThen, startCounts(planned.kind)), fingerprintsOf(planned.kind)), templateReads(planned.kind));
    const render = () => {
      ceiling.check();
      return renderNamingPage(planned.path, () => planned.render(recorder.view(site, planned)));
    };
    return { path: planned.path, kind: planned.kind, file, reads, render, unchanged: outputThere && before?.reads === reads, previousDigest: before?.bytes };
  });
  ceiling.checkNow();
  const recordedReads = () => {
    // What this build's renders read, with what the last build's did while any page is kept as they rendered it.
    // Renders that read fields no build had recorded: every page's reads are digested again, with them.
    // A page rendered now read its list's count or not as its render says; one kept, as its last render did.
    const fields = outputs.some((output) => output.unchanged) ? unionOfReadFields(recorder.fields(), index?.readFields) : recorder.fields();
    const counters = recorder.listCountReaders();
    const listCounts = assembly.pages.map((page, position) => (outputs[position]?.unchanged === true ? countedBefore[position] === true : counters.has(page.path)));
    const sameFields = sameReadFields(fields, startFields);
    const recordedAnyPage = sameFields ? anyPage : fieldsOfAnyGroup(fields);
    const recorded = sameFields ? fingerprintsOf : fingerprintsByKind(site, fields, lazyFingerprints(site, recordedAnyPage, read.code), recordedAnyPage);
    const recordedCounts = countsByKind(fields);
    const reads = assembly.pages.map((page, position) => {
      const output = outputs[position];
      const listCount = listCounts[position] === true;
      if (output && sameFields && listCount === countedBefore[position]) return output.reads;
      return withTemplates(pageReadsDigest(withCountsRead(page, listCount, recordedCounts(page.kind)), recorded(page.kind)), templateReads(page.kind));
    });
    return { fields, reads, listCounts };
  };
  return { outputs, lastPages, recorder, recordedReads };
}

/** A page's reads with the digest of the site's templates it is rendered with, if it reads any. */
function withTemplates(reads: string, templates: string | undefined): string {
  return templates === undefined ? reads : hash('sha1', `${reads}\0${templates}`, 'base64');
}
