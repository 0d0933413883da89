import fc from 'fast-check';

// A newsroom desk's stories and changes as a generator draws them (see `Desk` in
// `desk-changes.ts`, which writes them into a site): for property tests.

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
export function storyText(made: Draft, target: string | undefined, related: readonly string[] | undefined): string {
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
