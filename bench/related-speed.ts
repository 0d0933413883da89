import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parse } from 'yaml';
import { random } from './corpus.js';
import { frontMatterSchema } from '../src/model/front-matter.js';
import { byNewest } from '../src/model/site.js';
import { computeRelated, relatedWindow, type RelatedInput } from '../src/pipeline/related.js';
import { slugify } from '../src/text/slug.js';

// How long computing related stories takes, on the front matter of a generated corpus (`stories/` of each
// folder given) and on a synthetic 100,000-story site with skewed terms (one tag on a fifth of the stories).
// Usage: node lib/bench/related-speed.js [site folder…]. A benchmark, not a timed test.

/** The related-story inputs of every story below `dir/stories`, from their front matter only. */
async function readStories(dir: string): Promise<RelatedInput[]> {
  const root = path.join(dir, 'stories');
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile() && entry.name.endsWith('.md')).map((entry) => path.join(entry.parentPath, entry.name));
  const schema = frontMatterSchema({});
  const stories: RelatedInput[] = [];
  for (const file of files) {
    const text = await readFile(file, 'utf8');
    const yaml = /^---\n([\s\S]*?)\n---/.exec(text)?.[1] ?? '';
    const parsed = schema.safeParse(parse(yaml));
    if (!parsed.success) continue;
    const data = parsed.data;
    const relatedIds = data.related;
    stories.push({
      id: data.id ?? path.basename(file, '.md'),
      date: data.date,
      ...(data.section ? { section: data.section } : {}),
      topics: data.topics,
      tags: data.tags,
      ...(relatedIds ? { related: relatedIds.map((id) => ({ id, place: { line: 1, column: 1 } })) } : {}),
    });
  }
  return stories;
}

/** A synthetic site: 8 sections, 50 topics and 300 tags picked with a skew, 1–2 topics and 3–6 tags a story, one tag on a fifth of them. */
function syntheticStories(count: number, seed = 7): RelatedInput[] {
  const next = random(seed);
  // Low indexes are common: the commonest small tag is on about 1 story in 18, the first topic on 1 in 10.
  const skewed = (size: number, from = 0) => from + Math.floor((size - from) * next() ** 1.3);
  const term = (name: string) => ({ name, slug: slugify(name) });
  const sections = Array.from({ length: 8 }, (_, i) => term(`Section ${i}`));
  const topics = Array.from({ length: 50 }, (_, i) => term(`Topic ${i}`));
  const tags = Array.from({ length: 300 }, (_, i) => term(`Tag ${i}`));
  const start = Date.UTC(2015, 0, 1);
  return Array.from({ length: count }, (_, i) => {
    const epochMs = start + i * 1_800_000 + Math.floor(next() * 600_000);
    // Tag 0 is the big one: on a fifth of the stories (20,000 of 100,000).
    const storyTags = [...new Set(Array.from({ length: 2 + Math.ceil(next() * 4) }, () => tags[skewed(300, 1)]))].flatMap((tag) => (tag ? [tag] : []));
    if (next() < 0.2 && !storyTags.includes(tags[0] as (typeof tags)[0])) storyTags.push(tags[0] as (typeof tags)[0]);
    return {
      id: `story-${String(i).padStart(6, '0')}`,
      date: { epochMs, offsetMinutes: 0, iso: new Date(epochMs).toISOString(), dateOnly: false },
      section: sections[Math.floor(next() * 8)] as (typeof sections)[0],
      topics: [...new Set(Array.from({ length: next() < 0.3 ? 2 : 1 }, () => topics[Math.floor(50 * next() ** 1.5)]))].flatMap((topic) => (topic ? [topic] : [])),
      tags: storyTags,
    };
  });
}

/**
 * Median wall and CPU milliseconds of `runs` runs of computing related stories, and what the lists
 * look like. CPU time is the steadier figure on a busy machine: the work runs on this thread alone.
 */
function measure(label: string, stories: readonly RelatedInput[], runs = 5): void {
  const ordered = [...stories].sort(byNewest);
  const times: number[] = [];
  const cpuTimes: number[] = [];
  let result: ReadonlyMap<string, readonly string[]> = new Map();
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    const cpu = process.cpuUsage();
    result = computeRelated(ordered, 3);
    const used = process.cpuUsage(cpu);
    times.push(performance.now() - started);
    cpuTimes.push((used.user + used.system) / 1000);
  }
  times.sort((a, b) => a - b);
  cpuTimes.sort((a, b) => a - b);
  const lists = [...result.values()];
  const full = lists.filter((list) => list.length === 3).length;
  const biggest = new Map<string, number>();
  for (const story of stories) for (const tag of story.tags) biggest.set(tag.slug, (biggest.get(tag.slug) ?? 0) + 1);
  let largestTag = 0;
  for (const size of biggest.values()) largestTag = Math.max(largestTag, size);
  console.log(
    `${label}: ${stories.length} stories (largest tag ${largestTag}), ${lists.length} computed, ${full} with 3; ` +
      `median ${(times[Math.floor(runs / 2)] ?? 0).toFixed(0)} ms (min ${(times[0] ?? 0).toFixed(0)}), CPU ${(cpuTimes[Math.floor(runs / 2)] ?? 0).toFixed(0)} ms; window ${relatedWindow}`,
  );
}

for (const dir of process.argv.slice(2)) measure(dir, await readStories(dir));
measure('synthetic 10k', syntheticStories(10_000));
measure('synthetic 100k', syntheticStories(100_000));
