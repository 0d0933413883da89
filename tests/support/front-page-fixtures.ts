/** A lead picture as an inline fixture block: an SVG in `stories/pictures/<name>.svg`, which a browser draws. */
export function picture(name: string): string {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="800" viewBox="0 0 1200 800"><defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#2d5f8a"/><stop offset="1" stop-color="#c9d6df"/></linearGradient></defs><rect width="1200" height="800" fill="url(#g)"/><text x="60" y="740" font-family="sans-serif" font-size="90" fill="#fff">Picture ${name}</text></svg>`;
  return `\n-- stories/pictures/${name}.svg --\n${svg}\n`;
}

/** What a story of `wireStory` sets besides its headline and time. */
export interface WireStoryOptions {
  readonly urgency?: number;
  readonly top?: boolean;
  /** The name of a `picture` fixture to lead with. */
  readonly picture?: string;
  /** More front-matter lines. */
  readonly extra?: string;
  readonly body?: string;
}

/** Story `n` as an inline fixture block (`stories/s<n>.md`): headline `Story <n>`, dated 6 December 2026 at `n`:00 Moscow time. */
export function wireStory(n: number, options: WireStoryOptions = {}): string {
  const lines = [
    `title: Story ${n}`,
    `date: 2026-12-06T${String(n).padStart(2, '0')}:00:00+03:00`,
    options.urgency === undefined ? '' : `urgency: ${options.urgency}`,
    options.top === undefined ? '' : `top: ${options.top}`,
    options.picture === undefined ? '' : `image: {src: pictures/${options.picture}.svg, alt: Picture ${options.picture}, caption: Caption of story ${n}}`,
    options.extra ?? '',
  ].filter((line) => line !== '');
  return `\n-- stories/s${n}.md --\n---\n${lines.join('\n')}\n---\n\n${options.body ?? `Body of story ${n}.`}\n`;
}

/**
 * A wire of `count` stories (20 a page): story `k` filed at 6 December 2026 (k − 1):00 Moscow time
 * from story 10 on, and on 5 December at (10 + k):00 before it; odd stories in Politics, even ones
 * in Business, all on the topic Talks and the tag Wire; stories 21 and every third one with a
 * picture and its caption; story 21 urgent; story 24 with a long summary of its author's; story 22
 * pointing READ MORE at story 20. The others' first paragraph runs three sentences past 200 characters.
 */
export function frontPageSite(count: number): string {
  const stories = Array.from({ length: count }, (_, index) => {
    const k = index + 1;
    const date = k >= 10 ? `2026-12-06T${String(k - 1).padStart(2, '0')}:00:00+03:00` : `2026-12-05T${String(10 + k).padStart(2, '0')}:00:00+03:00`;
    const lines = [
      `title: Story ${k}`,
      `date: ${date}`,
      `section: ${k % 2 === 1 ? 'Politics' : 'Business'}`,
      'topics: [Talks]',
      'tags: [Wire]',
      k === 21 ? 'urgency: 2' : '',
      k === 21 || k % 3 === 0 ? `image: {src: pictures/p${k}.svg, alt: Picture ${k}, caption: Caption of story ${k}}` : '',
      k === 24
        ? 'summary: Story 24 was written by the author as a summary that runs long, on purpose, past two hundred characters, so that a card would cut it if it were not the author’s own words, which it shows whole.'
        : '',
    ].filter((line) => line !== '');
    const lead = `The first sentence of story ${k} says what happened, where and when, as a wire lead does. The second sentence adds who said so and why it matters to the reader. A third sentence goes on with the background that a card has no room for at all.`;
    const readMore = k === 22 ? '\n\nREAD MORE: [](s20.md)' : '';
    const pictureBlock = k === 21 || k % 3 === 0 ? picture(`p${k}`) : '';
    return `${pictureBlock}\n-- stories/s${k}.md --\n---\n${lines.join('\n')}\n---\n\n${lead}\n\nA second paragraph of story ${k}.${readMore}\n`;
  });
  return `\n-- site.yaml --\ntitle: Wire Desk\nbaseUrl: https://example.com/\nlanguage: en\ntimezone: Europe/Moscow\n${stories.join('')}`;
}
