import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureSite, siteMaker, type FixtureSite } from '../support/fixture-site.js';
import { parsePage } from '../support/html.js';
import { frontPageSite, picture, wireStory } from '../support/front-page-fixtures.js';

const site = siteMaker();

describe('the front page of a wire', () => {
  let built: FixtureSite;
  beforeAll(async () => {
    built = await fixtureSite(frontPageSite(24));
    const outcome = await built.build();
    expect(outcome.ok, outcome.lines.join('\n')).toBe(true);
  });
  afterAll(() => built.remove());

  it('should lead with the newest urgent story, large with its picture and summary', async () => {
    const home = parsePage(await built.read(''));
    expect(home.texts('.front-lead .card-title')).toEqual(['Story 21']);
    expect(home.text('.front-lead .kicker .urgency')).toBe('Urgent');
    expect(home.attrs('.front-lead img.lead-picture', 'src')).toEqual(['/media/pictures/p21.svg']);
    expect(home.text('.front-lead .card-summary')).toMatch(/^The first sentence of story 21/);
  });

  it('should follow the lead with four cards, newest first, each with its time of day in the site’s date format', async () => {
    const home = parsePage(await built.read(''));
    expect(home.texts('.cards:not(.river) .card-title')).toEqual(['Story 24', 'Story 23', 'Story 22', 'Story 20']);
    expect(home.texts('.cards .card-meta time')).toEqual(['6 December 2026, 23:00 MSK', '6 December 2026, 22:00 MSK', '6 December 2026, 21:00 MSK', '6 December 2026, 19:00 MSK']);
    expect(home.attrs('.cards .card-meta time', 'dateTime')[0]).toBe('2026-12-06T23:00:00+03:00');
  });

  it('should list the rest of the page as a river of headlines by day: time of day, kicker and headline, no summary or picture', async () => {
    const home = parsePage(await built.read(''));
    expect(home.text('.more-stories > h2')).toBe('More stories');
    expect(home.texts('.more-stories .river-day')).toEqual(['6 December 2026', '5 December 2026']);
    expect(home.attrs('.more-stories .river-day time', 'dateTime')).toEqual(['2026-12-06', '2026-12-05']);
    expect(home.texts('.river .card.line')).toHaveLength(15);
    expect(home.texts('.river .card.line > time.card-time').slice(0, 3)).toEqual(['18:00', '17:00', '16:00']);
    expect(home.texts('.river .card.line .kicker').slice(0, 3)).toEqual(['Politics', 'Business', 'Politics']);
    expect(home.texts('.river .card.line .card-title').slice(0, 3)).toEqual(['Story 19', 'Story 18', 'Story 17']);
    expect(home.texts('.river .card.line .card-title').at(-1)).toBe('Story 5');
    expect(home.texts('.river .card-summary')).toEqual([]);
    expect(home.attrs('.river img', 'src')).toEqual([]);
  });

  it('should make archive pages a river alone, by day', async () => {
    const archive = parsePage(await built.read('page/1/'));
    expect(archive.texts('.front-lead, .cards, .more-stories')).toEqual([]);
    expect(archive.texts('h2.river-day')).toEqual(['5 December 2026']);
    expect(archive.texts('.river .card-title')).toEqual(['Story 4', 'Story 3', 'Story 2', 'Story 1']);
  });

  it('should leave the section kicker off the cards of its own section’s page, and keep it elsewhere', async () => {
    const section = parsePage(await built.read('sections/politics/'));
    expect(section.texts('main .card-title').length).toBeGreaterThan(5);
    expect(section.texts('main .card .kicker a')).toEqual([]);
    expect(section.text('.front-lead .kicker')).toBe('Urgent');
    const topic = parsePage(await built.read('topics/talks/'));
    expect(new Set(topic.texts('main .card .kicker a'))).toEqual(new Set(['Politics', 'Business']));
  });

  it('should cut a long first paragraph at a sentence end, and show an author’s summary whole', async () => {
    const home = parsePage(await built.read(''));
    const summaries = home.texts('.cards .card-summary');
    expect(summaries[0]).toBe(
      'Story 24 was written by the author as a summary that runs long, on purpose, past two hundred characters, so that a card would cut it if it were not the author’s own words, which it shows whole.',
    );
    // Story 23's first paragraph: two sentences of about 90 characters each, then more.
    expect(summaries[1]).toBe('The first sentence of story 23 says what happened, where and when, as a wire lead does. The second sentence adds who said so and why it matters to the reader.');
    for (const summary of summaries) expect(summary.length).toBeLessThanOrEqual(220);
  });

  it('should link the relative-time script, fingerprinted, from list pages and not from story pages', async () => {
    const home = parsePage(await built.read(''));
    const [src] = home.attrs('main script', 'src');
    expect(src).toMatch(/^\/assets\/relative-time\.[0-9a-f]{10}\.js$/);
    const script = await readFile(path.join(built.dir, 'dist', src ?? ''), 'utf8');
    expect(script).toContain('Intl.RelativeTimeFormat');
    expect(parsePage(await built.read('page/1/')).attrs('main script', 'src')).toEqual([src]);
    expect(parsePage(await built.read('2026/12/06/s24/')).attrs('script[src]', 'src')).toEqual([]);
  });

  it('should show related cards with their time, never a photo caption, and leave out the story READ MORE points at', async () => {
    const story = parsePage(await built.read('2026/12/06/s22/'));
    expect(story.text('.read-more a')).toBe('Story 20');
    const related = story.texts('.related .card-title');
    expect(related.length).toBeGreaterThan(0);
    expect(related).not.toContain('Story 20');
    expect(story.texts('.related .card-caption')).toEqual([]);
    expect(story.allText).not.toContain('Caption of story');
    expect(story.texts('.related .card-meta time')[0]).toMatch(/^\d+ December 2026, \d\d:00 MSK$/);
  });

  it('should show topic and tag pills alike, without counts', async () => {
    const story = parsePage(await built.read('2026/12/06/s22/'));
    expect(story.texts('.terms .pills a')).toEqual(['Talks', 'Wire']);
    expect(story.texts('.terms .count')).toEqual([]);
  });
});

describe('choosing the lead story', () => {
  it('should lead with the newest story marked `top`, ahead of an older urgent one and of pictures', async () => {
    const made = await site(`
-- site.yaml --
title: Wire
${picture('a')}
${wireStory(1, { urgency: 1 })}
${wireStory(2, { top: true })}
${wireStory(3, { top: true })}
${wireStory(4, { picture: 'a' })}
`);
    expect((await made.build()).ok).toBe(true);
    const home = parsePage(await made.read(''));
    expect(home.texts('.front-lead .card-title')).toEqual(['Story 3']);
    expect(home.texts('.cards .card-title')).toEqual(['Story 4', 'Story 2', 'Story 1']);
  });

  it('should lead with the newest story with a picture when none is urgent or marked `top`, and with the newest when none has one', async () => {
    const made = await site(`
-- site.yaml --
title: Wire
${picture('a')}
${wireStory(1, { picture: 'a' })}
${wireStory(2, { picture: 'a' })}
${wireStory(3, { urgency: 3 })}
`);
    expect((await made.build()).ok).toBe(true);
    expect(parsePage(await made.read('')).texts('.front-lead .card-title')).toEqual(['Story 2']);
    await made.write('stories/s2.md', (await readFile(path.join(made.dir, 'stories/s2.md'), 'utf8')).replace(/image: .*\n/, ''));
    await made.write('stories/s1.md', (await readFile(path.join(made.dir, 'stories/s1.md'), 'utf8')).replace(/image: .*\n/, ''));
    expect((await made.build()).ok).toBe(true);
    const home = parsePage(await made.read(''));
    expect(home.texts('.front-lead .card-title')).toEqual(['Story 3']);
    expect(home.attrs('.front-lead img', 'src')).toEqual([]);
  });

  it('should report a `top` that is not true or false at its place', async () => {
    const made = await site(`
-- site.yaml --
title: Wire
-- stories/bad.md --
---
title: Bad
date: 2026-12-06T10:00:00+03:00
top: yes please
---

Body.
`);
    const outcome = await made.build();
    expect(outcome.ok).toBe(false);
    expect(outcome.lines.join('\n')).toMatch(/stories\/bad\.md:4:6 +error +Unexpected text "yes please" in `top`, expected true or false +invalid-field/);
  });

  it('should move the lead when an edit marks a story `top`, as a clean build would, byte for byte', async () => {
    const made = await site(frontPageSite(24));
    expect((await made.build()).ok).toBe(true);
    const file = path.join(made.dir, 'stories/s22.md');
    await made.write('stories/s22.md', (await readFile(file, 'utf8')).replace('tags: [Wire]', 'tags: [Wire]\ntop: true'));
    expect((await made.build()).ok).toBe(true);
    expect(parsePage(await made.read('')).texts('.front-lead .card-title')).toEqual(['Story 22']);
    expect(parsePage(await made.read('sections/business/')).texts('.front-lead .card-title')).toEqual(['Story 22']);
    const clean = await site(frontPageSite(24));
    await clean.write('stories/s22.md', await readFile(file, 'utf8'));
    expect((await clean.build()).ok).toBe(true);
    const files = await made.files();
    expect(files).toEqual(await clean.files());
    for (const name of files.filter((file) => file.endsWith('.html'))) expect(await made.read(name), name).toBe(await clean.read(name));
  });

  it('should write the same pages whatever the clock says when they are built', async () => {
    const pages = ['', 'sections/politics/', 'page/1/'];
    const builtAt = async (now: number) => {
      const made = await site(frontPageSite(24));
      expect((await made.build({ now })).ok).toBe(true);
      return Promise.all(pages.map((page) => made.read(page)));
    };
    const first = Date.parse('2026-12-07T00:00:00Z');
    expect(await builtAt(first + 30 * 24 * 3_600_000)).toEqual(await builtAt(first));
  });
});
