import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** How to generate a corpus: how many stories and the seed that makes it repeatable. */
export interface CorpusOptions {
  readonly stories: number;
  readonly seed?: number;
}

/** What every benchmark that builds generated corpora is told: the sizes, the seed, where progress goes. */
export interface CorpusBenchOptions {
  /** Corpus sizes in stories. */
  readonly sizes: readonly number[];
  /** The seed of the generated corpora (each bench has its default). */
  readonly seed?: number;
  /** Where progress and diagnostics go (default: stderr). */
  readonly progress?: (line: string) => void;
}

/** One generated story file: its path relative to `stories/` and its text. */
export interface CorpusFile {
  readonly source: string;
  readonly text: string;
}

const sections = ['World', 'Business', 'Politics', 'Science', 'Sport', 'Culture', 'Technology', 'Health'];
const places = ['MOSCOW', 'TOKYO', 'ST PETERSBURG', 'BERLIN', 'PARIS', 'WASHINGTON', 'BEIJING', 'NEW DELHI', 'CAIRO', 'BRASILIA', 'LONDON', 'ROME'];
const agencies = ['Sputnik', 'Reuters', 'AP', 'AFP'];
const words = (
  'government minister economy trade market investment forum summit agreement cooperation energy pipeline oil gas ' +
  'technology industry sector partner region country president official statement talks negotiations sanctions growth ' +
  'report data analysts experts company shares bank currency inflation election parliament court decision policy ' +
  'security defence climate research university hospital vaccine football championship festival museum exhibition'
).split(' ');
const people = ['Vladimir Putin', 'Shinzo Abe', 'Emmanuel Macron', 'Angela Merkel', 'Xi Jinping', 'Narendra Modi', 'the minister', 'a spokesperson'];

/** A small seeded pseudo-random generator (mulberry32): the same seed gives the same corpus. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Generate a deterministic corpus of wire stories in wiredesk's format: dates over several years,
 * 8 sections, 50 topics, 300 tags, datelines, 400–700-word bodies with quotes, emphasis, links,
 * and one READ MORE cross-link to an earlier story each (after the first).
 */
export function generateCorpus({ stories, seed = 42 }: CorpusOptions): CorpusFile[] {
  const next = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const topics = Array.from({ length: 50 }, (_, i) => `${pick(words)} ${pick(words)} ${2015 + (i % 8)}`.replace(/^./, (c) => c.toUpperCase()));
  const tags = Array.from({ length: 300 }, (_, i) => `${pick(words)}-${pick(words)}-${i}`);
  const start = Date.UTC(2015, 0, 1);
  const span = Date.UTC(2022, 11, 31) - start;
  const files: CorpusFile[] = [];
  for (let i = 0; i < stories; i++) {
    const id = `story-${String(i).padStart(6, '0')}`;
    const date = new Date(start + Math.floor((span * i) / Math.max(1, stories)) + Math.floor(next() * 3_600_000));
    const year = date.getUTCFullYear();
    const title = `${pick(people)} Says ${pick(words)} ${pick(words)} Will ${pick(words)} ${pick(words)}`.replace(/\b\w/g, (c) => c.toUpperCase());
    const storyTags = [...new Set(Array.from({ length: 2 + Math.floor(next() * 4) }, () => pick(tags)))];
    const frontMatter = [
      '---',
      `title: "${title}"`,
      `date: ${date.toISOString().slice(0, 19)}+03:00`,
      `section: ${pick(sections)}`,
      `topics: ["${pick(topics)}"]`,
      `tags: [${storyTags.join(', ')}]`,
      `dateline: {place: ${pick(places)}, agency: ${pick(agencies)}}`,
      next() < 0.5 ? `image: {alt: "Photo for ${id}", caption: "A picture about ${pick(words)}.", credit: "© ${pick(agencies)} / Photographer ${i % 97}"}` : '',
      i > 10 && next() < 0.3 ? `related: [story-${String(Math.floor(next() * i)).padStart(6, '0')}]` : '',
      '---',
      '',
    ].filter((line) => line !== '');
    const paragraphs: string[] = [];
    const target = Math.floor(400 + next() * 300);
    let count = 0;
    while (count < target) {
      const length = 30 + Math.floor(next() * 40);
      const sentence = Array.from({ length }, () => pick(words));
      count += length;
      const text = sentence.join(' ').replace(/^./, (c) => c.toUpperCase());
      const kind = next();
      if (kind < 0.25) paragraphs.push(`"${text}," ${pick(people)} said.`);
      else if (kind < 0.35) paragraphs.push(`${text} *${pick(words)}* and **${pick(words)}**, according to [the report](https://example.com/${pick(words)}).`);
      else paragraphs.push(`${text}.`);
    }
    if (i > 0) {
      const earlier = Math.floor(next() * i);
      const earlierYear = files[earlier]?.source.slice(0, 4) ?? String(year);
      const link = earlierYear === String(year) ? `story-${String(earlier).padStart(6, '0')}.md` : `../${earlierYear}/story-${String(earlier).padStart(6, '0')}.md`;
      paragraphs.splice(2, 0, `READ MORE: [](${link})`);
    }
    files.push({ source: `${year}/${id}.md`, text: `${frontMatter.join('\n')}\n${paragraphs.join('\n\n')}\n` });
  }
  return files;
}

/** Write a generated corpus into `dir` (its `stories/` subfolder is created). */
export async function writeCorpus(dir: string, files: readonly CorpusFile[]): Promise<void> {
  const made = new Set<string>();
  for (const file of files) {
    const target = path.join(dir, 'stories', file.source);
    const folder = path.dirname(target);
    if (!made.has(folder)) {
      await mkdir(folder, { recursive: true });
      made.add(folder);
    }
    await writeFile(target, file.text);
  }
}
