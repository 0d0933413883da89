import { rm } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import type { FixtureSite } from './fixture-site.js';

// A newsroom desk's stories as a generator makes them, and the changes a desk makes between
// builds (see `Desk`): for property tests that drive a site through arbitrary sequences of them.

/** What one story file says, as the generator makes it. */
export interface Draft {
  readonly day: number;
  readonly hour: number;
  readonly title: number;
  readonly body: number;
  readonly section: string | undefined;
  readonly topics: readonly string[];
  readonly tags: readonly string[];
  readonly status: 'usable' | 'withheld' | 'canceled';
  /** The day (of May 2018) before which it appears nowhere. */
  readonly embargo: number | undefined;
  readonly corrected: boolean;
  readonly top: boolean;
  /** The story (by index into the other stories' ids) its body links, if any. */
  readonly links: number | undefined;
  /** The stories (by index, as `links`) it names as related, if it names any. */
  readonly related: readonly number[] | undefined;
  /** Days after its date that it was updated, if it was. */
  readonly updated: number | undefined;
  readonly urgency: number | undefined;
  /** The caption of its lead picture (a remote one), if it has one. */
  readonly picture: string | undefined;
  /** Its front matter lacks the headline: the story is broken until the desk mends it, after the next build. */
  readonly broken: boolean;
  /** The story's `summary`, `byline`, `slugline` and dateline, when it writes them (all or none). */
  readonly bylines: boolean;
  /** The story's own language, when it is not the site's. */
  readonly lang: 'ru' | undefined;
  /** A killed story's notice shows its headline. */
  readonly showHeadline: boolean;
  /** An `id` of its own (two stories may take the same: an error both builds must report). */
  readonly ownId: 'alpha' | 'beta' | undefined;
}

/** Something the desk does, or the clock. */
export type Step =
  | { readonly kind: 'publish'; readonly draft: Draft }
  | { readonly kind: 'edit'; readonly story: number; readonly change: Partial<Draft> }
  | { readonly kind: 'delete'; readonly story: number }
  | { readonly kind: 'move'; readonly story: number }
  | { readonly kind: 'clock'; readonly days: number }
  | { readonly kind: 'settings'; readonly settings: Settings }
  | { readonly kind: 'own'; readonly file: OwnFile; readonly text: number | undefined };

/** A file of the site's own folders: a page of `pages/` (one at a section's URL is refused), or a file of `static/`. */
export type OwnFile = 'pages/about.md' | 'pages/sections/world.md' | 'static/notice.txt';

/** What the site's settings say, of what the generator changes. */
export interface Settings {
  readonly pageSize: number;
  readonly feedSize: number;
  readonly search: boolean;
  readonly relatedCount: number;
  /** The section the menu names, if it names one (one with no story is warned of). */
  readonly menuSection: string | undefined;
  /** Publish through two output trees swapped at once (`output.swap`). */
  readonly swap: boolean;
}

/** The settings a desk starts with. */
export const firstSettings: Settings = { pageSize: 3, feedSize: 4, search: true, relatedCount: 3, menuSection: undefined, swap: false };

const sections = ['World', 'Business'];
const topics = ['Forum 2018', 'Energy'];
const tags = ['Japan', 'Russia', 'Oil', 'Trade'];
const bodies = ['The talks went on.', 'Markets rose on the news.\n\nA second paragraph follows.', 'A short note.'];

/** `value` once in `times` draws, undefined otherwise (`fc.option`'s `freq` is the other way round: undefined once in `freq`). */
function oneIn<T>(times: number, value: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> {
  return fc.oneof({ weight: times - 1, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: value });
}

/** What a story file may say, field by field. */
export const draftFields = {
  day: fc.integer({ min: 1, max: 9 }),
  hour: fc.constantFrom(6, 10, 18),
  title: fc.nat({ max: 3 }),
  body: fc.nat({ max: bodies.length - 1 }),
  section: fc.option(fc.constantFrom(...sections), { nil: undefined }),
  topics: fc.subarray(topics),
  tags: fc.subarray(tags),
  status: fc.constantFrom<Draft['status']>('usable', 'usable', 'usable', 'usable', 'usable', 'withheld', 'canceled'),
  embargo: oneIn(6, fc.integer({ min: 3, max: 12 })),
  corrected: fc.boolean(),
  top: fc.nat({ max: 5 }).map((one) => one === 0),
  links: oneIn(3, fc.nat({ max: 20 })),
  related: oneIn(4, fc.array(fc.nat({ max: 20 }), { maxLength: 2 })),
  updated: oneIn(3, fc.integer({ min: 0, max: 3 })),
  urgency: oneIn(4, fc.constantFrom(1, 2, 5)),
  picture: oneIn(3, fc.constantFrom('The port at dawn.', 'Ministers meet.')),
  broken: fc.nat({ max: 9 }).map((one) => one === 0),
  bylines: fc.boolean(),
  lang: oneIn(5, fc.constant<'ru'>('ru')),
  showHeadline: fc.boolean(),
  ownId: oneIn(12, fc.constantFrom<'alpha' | 'beta'>('alpha', 'beta')),
};

/** A story as the generator drafts it. */
export const draft: fc.Arbitrary<Draft> = fc.record(draftFields);

/** A change to the stories folder: a story published, edited, deleted or moved. */
export const storyStep: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: draft.map((made): Step => ({ kind: 'publish', draft: made })) },
  // Edits that keep the story's shape (its headline, body or picture's caption), and edits of any one field.
  {
    weight: 4,
    arbitrary: fc
      .record({ story: fc.nat({ max: 20 }), change: fc.record({ title: draftFields.title, body: draftFields.body, picture: draftFields.picture }, { requiredKeys: [] }) })
      .map(({ story, change }): Step => ({ kind: 'edit', story, change })),
  },
  {
    weight: 2,
    arbitrary: fc
      .record({
        story: fc.nat({ max: 20 }),
        change: fc.oneof(...Object.entries(draftFields).map(([field, value]) => (value as fc.Arbitrary<unknown>).map((made) => ({ [field]: made }) as Partial<Draft>))),
      })
      .map(({ story, change }): Step => ({ kind: 'edit', story, change })),
  },
  { weight: 1, arbitrary: fc.nat({ max: 20 }).map((story): Step => ({ kind: 'delete', story })) },
  { weight: 1, arbitrary: fc.nat({ max: 20 }).map((story): Step => ({ kind: 'move', story })) },
);

/** A change to the stories folder, or to the site's own files or settings, or the clock moving on. */
export const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 12, arbitrary: storyStep },
  {
    weight: 1,
    arbitrary: fc
      .record({ file: fc.constantFrom<OwnFile>('pages/about.md', 'pages/about.md', 'pages/sections/world.md', 'static/notice.txt'), text: fc.option(fc.nat({ max: 2 }), { nil: undefined, freq: 3 }) })
      .map(({ file, text }): Step => ({ kind: 'own', file, text })),
  },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 4 }).map((days): Step => ({ kind: 'clock', days })) },
  {
    weight: 1,
    arbitrary: fc
      .record({
        pageSize: fc.constantFrom(2, 3),
        feedSize: fc.constantFrom(2, 4),
        search: fc.boolean(),
        relatedCount: fc.constantFrom(0, 3),
        menuSection: fc.option(fc.constantFrom('World', 'Sport'), { nil: undefined }),
        swap: fc.nat({ max: 3 }).map((one) => one === 0),
      })
      .map((settings): Step => ({ kind: 'settings', settings })),
  },
);

/** The text of a story file for `made`, linking `target` (a path from its folder) and naming `related` (story ids). */
function storyText(made: Draft, target: string | undefined, related: readonly string[] | undefined): string {
  const day = (value: number) => `2018-05-${String(value).padStart(2, '0')}`;
  const lines = ['---', made.broken ? 'title:' : `title: Headline ${made.title}`, `date: ${day(made.day)}T${String(made.hour).padStart(2, '0')}:00:00+03:00`];
  if (made.section) lines.push(`section: ${made.section}`);
  if (made.topics.length > 0) lines.push(`topics: [${made.topics.join(', ')}]`);
  if (made.tags.length > 0) lines.push(`tags: [${made.tags.join(', ')}]`);
  if (made.status !== 'usable') lines.push(`status: ${made.status}`);
  if (made.embargo !== undefined) lines.push(`embargo: ${day(made.embargo)}T00:00:00Z`);
  if (made.corrected) lines.push(`corrections:\n  - { date: ${day(made.day + 1)}T09:00:00Z, text: A name was misspelled. }`);
  if (made.top) lines.push('top: true');
  if (made.updated !== undefined) lines.push(`updated: ${day(made.day + made.updated)}T20:00:00+03:00`);
  if (made.urgency !== undefined) lines.push(`urgency: ${made.urgency}`);
  if (related !== undefined) lines.push(`related: [${related.join(', ')}]`);
  if (made.bylines) lines.push('summary: Talks went on.', 'byline: A. Reporter', 'slugline: TALKS/ON', 'dateline: { place: MOSCOW, agency: Wire }');
  if (made.lang !== undefined) lines.push(`lang: ${made.lang}`);
  if (made.showHeadline) lines.push('killNotice: { showHeadline: true }');
  if (made.ownId !== undefined) lines.push(`id: ${made.ownId}`);
  if (made.picture !== undefined) lines.push(`image: { src: "https://images.example/${made.title}.jpg", alt: Picture, caption: ${made.picture} }`);
  const link = target === undefined ? '' : `\n\nREAD MORE: [Earlier](${target})`;
  return `${lines.join('\n')}\n---\n\n${bodies[made.body] ?? ''}${link}\n`;
}

/** The desk's site: its stories as drafts by id, the clock and the settings, written into `built` at each step. */
export class Desk {
  readonly stories = new Map<string, Draft>();
  /** The folder of each story's file below `stories/` (`''`, or `desk/`). */
  readonly folders = new Map<string, string>();
  /** The stories each story links and names as related, as picked for what its draft says (see `write`). */
  /** The files written or removed since `takeTouched` was last asked (absolute paths). */
  private readonly touched = new Set<string>();
  /** The stories moved by the last changes: links to them are mended. */
  private readonly moved = new Set<string>();
  /** The stories whose own id the last changes changed: the related stories naming them are mended. */
  private readonly renamed = new Set<string>();
  private readonly picked = new Map<string, { links?: number | undefined; linked?: string | undefined; related?: readonly number[] | undefined; relatedIds?: readonly string[] | undefined }>();
  now = Date.parse('2018-05-05T12:00:00Z');
  private made = 0;

  constructor(readonly built: FixtureSite) {}

  /**
   * Mend what the last changes broke, as a desk does once the build says so: a broken story, an id
   * two stories took, and links and related stories naming a story deleted, moved or renamed since
   * (written again, they name the others as they are now).
   */
  async mend(): Promise<void> {
    const claimed = new Set<string>();
    for (const [id, made] of this.stories) {
      const picked = this.picked.get(id);
      const names = [...(picked?.linked === undefined ? [] : [picked.linked]), ...(picked?.relatedIds ?? [])];
      const renamed = (picked?.relatedIds ?? []).some((named) => this.renamed.has(named));
      // Of two stories that took the same id, the one published later gives it up.
      const taken = made.ownId !== undefined && claimed.has(made.ownId);
      if (made.ownId !== undefined) claimed.add(made.ownId);
      if (made.broken || renamed || taken || names.some((named) => !this.stories.has(named) || this.moved.has(named)))
        await this.write(id, { ...made, broken: false, ...(taken ? { ownId: undefined } : {}) });
    }
    this.moved.clear();
    this.renamed.clear();
  }

  /** Apply `step` to the desk and its files. */
  async apply(change: Step): Promise<void> {
    const ids = [...this.stories.keys()];
    const pick = (index: number) => ids[index % Math.max(1, ids.length)];
    if (change.kind === 'publish') await this.write(`s${this.made++}`, change.draft);
    else if (change.kind === 'clock') this.now += change.days * 86_400_000;
    else if (change.kind === 'settings') await this.settings(change.settings);
    else if (change.kind === 'own') await this.own(change.file, change.text);
    else {
      const id = pick(change.story);
      const was = id === undefined ? undefined : this.stories.get(id);
      if (id === undefined || was === undefined) return;
      if (change.kind === 'edit') await this.write(id, { ...was, ...change.change });
      else {
        await rm(this.storyFile(id));
        this.touched.add(this.storyFile(id));
        if (change.kind === 'delete') this.stories.delete(id);
        else {
          // Moved to the other folder as it is: a link to it from a story that names its old place breaks.
          this.folders.set(id, this.folders.get(id) === '' ? 'desk/' : '');
          this.moved.add(id);
          await this.write(id, was);
        }
      }
    }
  }

  /** Write a file of the site's own folders in its `text`th version, or remove it (`undefined`). */
  async own(file: OwnFile, text: number | undefined): Promise<void> {
    if (text === undefined) await rm(path.join(this.built.dir, file), { force: true });
    else if (file.startsWith('static/')) await this.built.write(file, `Notice ${text}.\n`);
    else await this.built.write(file, `---\ntitle: About ${text}\n${text === 2 ? 'updated: 2018-05-02T10:00:00+03:00\n' : ''}---\n\nWho we are, version ${text}.\n`);
  }

  /** Write the site's settings. */
  async settings({ pageSize, feedSize, search, relatedCount, menuSection, swap }: Settings): Promise<void> {
    const lines = ['title: Equivalence Wire', 'baseUrl: https://wire.example/', `pageSize: ${pageSize}`, `feedSize: ${feedSize}`, `search: ${search}`, `relatedCount: ${relatedCount}`];
    if (menuSection !== undefined) lines.push(`menu: [{ section: ${menuSection} }]`);
    if (swap) lines.push('output: { swap: true }');
    await this.built.write('site.yaml', `${lines.join('\n')}\n`);
  }

  /** The files written or removed since this was last asked (absolute paths), as a watcher tells them. */
  takeTouched(): string[] {
    const files = [...this.touched];
    this.touched.clear();
    return files;
  }

  /** The absolute path of the story `id`'s file. */
  private storyFile(id: string): string {
    return path.join(this.built.dir, 'stories', this.fileOf(id));
  }

  /** The file of the story `id`, relative to `stories/`. */
  private fileOf(id: string): string {
    return `${this.folders.get(id) ?? ''}${id}.md`;
  }

  /**
   * Write the story `id` as `made` says. The stories it links and names as related are picked
   * among the others when it first names them, and picked again only when `made` names others or
   * one picked is gone: a story published since does not change them.
   */
  private async write(id: string, made: Draft): Promise<void> {
    if (this.stories.get(id)?.ownId !== made.ownId) this.renamed.add(id);
    this.stories.set(id, made);
    if (!this.folders.has(id)) this.folders.set(id, '');
    const others = [...this.stories.keys()].filter((other) => other !== id);
    const other = (index: number) => others[index % others.length] ?? '';
    const was = this.picked.get(id);
    const gone = (ids: readonly string[]) => ids.some((picked) => !this.stories.has(picked));
    const linked = made.links === undefined || others.length === 0 ? undefined : was?.links === made.links && was.linked !== undefined && !gone([was.linked]) ? was.linked : other(made.links);
    const related =
      made.related === undefined || others.length === 0
        ? undefined
        : was?.related === made.related && was.relatedIds !== undefined && !gone(was.relatedIds)
          ? was.relatedIds
          : [...new Set(made.related.map(other))];
    this.picked.set(id, { links: made.links, linked, related: made.related, relatedIds: related });
    const target = linked === undefined ? undefined : path.posix.relative(this.folders.get(id) ?? '', this.fileOf(linked));
    // Named by the id each story has now: its own when it takes one.
    const relatedIds = related?.map((named) => this.stories.get(named)?.ownId ?? named);
    await this.built.write(`stories/${this.fileOf(id)}`, storyText(made, target, relatedIds));
    this.touched.add(this.storyFile(id));
  }
}
