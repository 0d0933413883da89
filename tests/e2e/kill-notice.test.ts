import { describe, expect, it } from 'vitest';
import { fixtureStory as story, siteMaker } from '../support/fixture-site.js';
import { parsePage } from '../support/html.js';

const site = siteMaker();

const killedHeadline = 'Minister accused of bribery in port deal';

/** A site with one live story and one killed story, whose `killNotice` lines are `notice`. */
function killedSite(notice = '', lang = ''): string {
  return `
-- site.yaml --
title: Wire Desk
baseUrl: https://wire.example.org/
language: en
${story('live', 20, 'section: Politics')}
-- stories/killed.md --
---
title: ${killedHeadline}
date: 2018-05-25T10:00:00+03:00
updated: 2018-05-25T16:40:00+03:00
section: Politics
tags: [Ports]
summary: The minister took money, the story said.
status: canceled
note: This story was withdrawn on legal advice.
${notice}
${lang}
---

The minister took money.
`;
}

/** Every file the build wrote that a reader or a machine reads: pages, feeds, sitemaps. */
async function publishedTexts(built: Awaited<ReturnType<typeof site>>): Promise<Map<string, string>> {
  const files = (await built.files()).filter((file) => /\.(html|xml|json|txt)$/.test(file) && !file.startsWith('pagefind/'));
  return new Map(await Promise.all(files.map(async (file) => [file, await built.read(file)] as const)));
}

describe('kill notices', () => {
  it('should title a killed story "Withdrawn", with the time of withdrawal and the editor\'s note, and keep it out of indexes', async () => {
    const built = await site(killedSite());
    const outcome = await built.build();
    expect(outcome.ok).toBe(true);
    const page = parsePage(await built.read('2018/05/25/killed/'));
    expect(page.text('h1')).toBe('Withdrawn');
    expect(page.text('title')).toBe('Withdrawn — Wire Desk');
    expect(page.attrs('main time', 'dateTime')).toEqual(['2018-05-25T16:40:00+03:00']);
    expect(page.text('.withdrawn-at')).toMatch(/^Withdrawn 25 May 2018, 16:40/);
    expect(page.text('.note')).toBe('This story was withdrawn on legal advice.');
    expect(page.attrs('meta[name="robots"]', 'content')).toEqual(['noindex']);
  });

  it('should never carry the killed headline or summary anywhere when the story does not ask for it', async () => {
    const built = await site(killedSite());
    expect((await built.build()).ok).toBe(true);
    const texts = await publishedTexts(built);
    expect([...texts.keys()]).toContain('feed.xml');
    for (const [file, text] of texts) {
      expect(text.includes('Minister accused'), `${file} names the killed headline`).toBe(false);
      expect(text.includes('took money'), `${file} quotes the killed story`).toBe(false);
    }
    // The feeds still carry the notice, titled "Withdrawn", so feed readers update the entry they have.
    const feed = JSON.parse(await built.read('feed.json')) as { items: { id: string; title: string; url: string }[] };
    expect(feed.items.find((item) => item.url.endsWith('/2018/05/25/killed/'))?.title).toBe('Withdrawn');
    expect(await built.read('sections/politics/atom.xml')).toContain('<title>Withdrawn</title>');
  });

  it('should show the killed headline on the page and in feeds when the story sets killNotice.showHeadline', async () => {
    const built = await site(killedSite('killNotice: {showHeadline: true}'));
    expect((await built.build()).ok).toBe(true);
    const page = parsePage(await built.read('2018/05/25/killed/'));
    expect(page.text('h1')).toBe('Withdrawn');
    expect(page.text('.withdrawn-headline')).toBe(`Withdrawn story: ${killedHeadline}`);
    expect(page.text('title')).toBe(`Withdrawn: ${killedHeadline} — Wire Desk`);
    const feed = JSON.parse(await built.read('feed.json')) as { items: { title: string; url: string }[] };
    expect(feed.items.find((item) => item.url.endsWith('/killed/'))?.title).toBe(`Withdrawn: ${killedHeadline}`);
    // Still only a notice: the body stays off the site.
    for (const [file, text] of await publishedTexts(built)) expect(text.includes('took money'), file).toBe(false);
  });

  it('should publish a kill whose body links a story its feeds do not carry, into a site built before, as a clean build does', async () => {
    // The tag's feed carries a live story and the notices; the story the kill links is in none of the tag's.
    const fixture = killedSite() + story('ports', 21, 'tags: [Ports]');
    const built = await site(fixture);
    expect((await built.build()).ok).toBe(true);
    const linking = (await built.read('../stories/killed.md')).replace('The minister took money.', 'The minister took money.\n\nREAD MORE: [Earlier](live.md)');
    const secondKill = linking.replace('title:', 'id: second-kill\ntitle:');
    await built.write('stories/second-kill.md', secondKill);
    const outcome = await built.build();
    expect(outcome.ok).toBe(true);
    const clean = await site(fixture);
    await clean.write('stories/second-kill.md', secondKill);
    expect((await clean.build()).ok).toBe(true);
    for (const feed of ['tags/ports/feed.xml', 'tags/ports/atom.xml', 'tags/ports/feed.json', 'feed.xml']) expect(await built.read(feed), feed).toBe(await clean.read(feed));
  });

  it("should word the notice in the story's own language", async () => {
    const built = await site(killedSite('', 'lang: ru'));
    expect((await built.build()).ok).toBe(true);
    const page = parsePage(await built.read('2018/05/25/killed/'));
    expect(page.text('h1')).toBe('Отозвано');
    expect(page.text('.withdrawn-at')).toMatch(/^Отозвано 25 мая 2018/);
  });

  it('should point at a killNotice value that is not what it should be', async () => {
    const built = await site(`
-- stories/a.md --
---
title: A
date: 2018-05-25T10:00:00+03:00
status: canceled
killNotice: {showHeadline: yes please}
---
Body.
-- stories/b.md --
---
title: B
date: 2018-05-25T10:00:00+03:00
status: canceled
killNotice:
  headline: true
---
Body.
-- stories/c.md --
---
title: C
date: 2018-05-25T10:00:00+03:00
killNotice: true
---
Body.
`);
    const outcome = await built.build();
    expect(outcome.ok).toBe(false);
    const lines = outcome.messages.map((message) => `${message.file}:${message.line}:${message.column} ${message.ruleId} ${message.reason}`).sort();
    expect(lines[0]).toMatch(/^stories\/a\.md:5:28 invalid-field .*true or false/);
    expect(lines[1]).toMatch(/^stories\/b\.md:6:13 invalid-field Unknown key `killNotice.headline`, expected `showHeadline/);
    expect(lines[2]).toMatch(/^stories\/c\.md:4:13 invalid-field .*showHeadline: true/);
  });
});
