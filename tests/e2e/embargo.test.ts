import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { fixtureStory, siteMaker, type FixtureSite } from '../support/fixture-site.js';
import { parsePage } from '../support/html.js';
import { writePicture } from '../support/pictures.js';

const site = siteMaker();
const story = fixtureStory;

/** 26 May 2018, 00:00 Moscow time: after every fixture story's date. */
const beforeLift = Date.parse('2018-05-26T00:00:00+03:00');
/** The embargo of the `held` story: 26 May 2018, 12:00 Moscow time. */
const embargo = '2018-05-26T12:00:00+03:00';
const afterLift = Date.parse(embargo) + 1;

// A live story that links to, calls out and names as related every story that must not show;
// an embargoed one with a picture and its own tag, a withheld one, a killed one, and one whose embargo passed.
const newsroom =
  story('live', 20, 'tags: [Japan]\nrelated: [killed, held]', 'See [the held one](held.md) and [the withheld one](secret.md).\n\nREAD MORE: [](killed.md)') +
  story('held', 21, `embargo: ${embargo}\ntags: [Japan, Zephyrtag]\ntopics: [Zephyrtopic]\nimage:\n  src: held.jpg\n  caption: Zephyrcaption`, 'The Zephyrword budget.') +
  story('secret', 22, 'status: withheld\ntags: [Japan]', 'The Quokkaword plan.') +
  story('killed', 23, 'status: canceled\ntags: [Japan]\nnote: Withdrawn for legal reasons (Ocelotnote).', 'The Kumquatword report.') +
  story('lifted', 24, 'embargo: 2018-05-25T06:00:00+03:00\ntags: [Japan]', 'The Lifted report.');

/** The newsroom, with a real picture for the embargoed story. */
async function newsroomSite(): Promise<FixtureSite> {
  const built = await site(newsroom);
  await writePicture(path.join(built.dir, 'stories/held.jpg'));
  return built;
}

/** Every built file's text, by path under `dist/`: the search index's gzipped files unpacked, so their words can be searched too. */
async function everything(built: FixtureSite): Promise<Map<string, string>> {
  const files = await built.files();
  const textOf = (bytes: Buffer) => (bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes).toString('latin1');
  return new Map(await Promise.all(files.map(async (file) => [file, textOf(await readFile(path.join(built.dir, 'dist', file)))] as const)));
}

function filesMentioning(files: ReadonlyMap<string, string>, needle: RegExp): string[] {
  return [...files].filter(([, text]) => needle.test(text)).map(([file]) => file);
}

describe('embargo and status', () => {
  it('should publish an embargoed or withheld story nowhere, not even its words, picture, tag or URL', async () => {
    const built = await newsroomSite();
    const outcome = await built.build({ now: beforeLift });
    expect(outcome.ok).toBe(true);
    const files = await everything(built);
    expect(filesMentioning(files, /Story HELD|Zephyr|\/held\/|held\.jpg/)).toEqual([]);
    expect(filesMentioning(files, /Story SECRET|Quokkaword|\/secret\//)).toEqual([]);
    expect([...files.keys()].filter((file) => /held|secret|zephyr/.test(file))).toEqual([]);
    // The search index is there, and holds the live story's words: the checks above did read it.
    expect(filesMentioning(files, /pagefind_dcd.*See the held one/).length).toBeGreaterThan(0);
  });

  it('should show links, callouts and related entries naming a story that is not out as plain text', async () => {
    const built = await newsroomSite();
    await built.build({ now: beforeLift });
    const page = parsePage(await built.read('2018/05/20/live/'));
    expect(page.text('.story-body')).toContain('See the held one and the withheld one.');
    expect(page.attrs('.story-body a[href]', 'href')).toEqual([]);
    expect(page.texts('.related .card-title')).toEqual([]);
  });

  it('should serve a short notice at a killed story’s URL and keep it out of every list', async () => {
    const built = await newsroomSite();
    await built.build({ now: beforeLift });
    const notice = parsePage(await built.read('2018/05/23/killed/'));
    expect(notice.text('h1')).toBe('Withdrawn');
    expect(notice.text('main')).toContain('This story has been withdrawn.');
    expect(notice.text('main')).toContain('Withdrawn for legal reasons (Ocelotnote).');
    expect(notice.text('main')).not.toContain('Kumquatword');
    expect(notice.attrs('meta[name="robots"]', 'content')).toEqual(['noindex']);
    const files = await everything(built);
    expect(filesMentioning(files, /Kumquatword/)).toEqual([]);
    // Not even the notice names the killed headline: the story does not set `killNotice: {showHeadline: true}`.
    expect(filesMentioning(files, /Story KILLED/)).toEqual([]);
    expect(parsePage(await built.read('tags/japan/')).texts('.card-title')).toEqual(['Story LIFTED', 'Story LIVE']);
  });

  it('should publish a story everywhere once its embargo has lifted, and say when the next one lifts', async () => {
    const built = await newsroomSite();
    const before = await built.build({ now: beforeLift });
    expect(before.lines.join('\n')).toContain(`Next embargo lifts at ${embargo} (stories/held.md)`);
    // Nothing changed on disk, but the clock passed the embargo: the build must not keep the old output.
    const after = await built.build({ now: afterLift });
    expect(after.ok).toBe(true);
    expect(after.lines.join('\n')).not.toContain('Next embargo');
    expect(parsePage(await built.read('2018/05/21/held/')).text('h1')).toBe('Story HELD');
    // The lifted story has the tag's only picture: it leads the tag's page, above the newer one.
    expect(parsePage(await built.read('tags/japan/')).texts('.card-title')).toEqual(['Story HELD', 'Story LIFTED', 'Story LIVE']);
    expect(parsePage(await built.read('topics/zephyrtopic/')).texts('.card-title')).toEqual(['Story HELD']);
    expect(await built.read('feed.xml')).toContain('Story HELD');
    expect(await built.files()).toContain('media/held.jpg');
    expect(filesMentioning(await everything(built), /pagefind_dcd.*Zephyrword/).length).toBeGreaterThan(0);
    const live = parsePage(await built.read('2018/05/20/live/'));
    expect(live.attrs('.story-body a[href]', 'href')).toEqual(['/2018/05/21/held/']);
    expect(live.texts('.related .card-title')).toEqual(['Story HELD']);
  });

  it('should reject a bad status, urgency or language with its place', async () => {
    const built = await site(story('bad', 20, 'status: killed\nurgency: 12\nlang: "!!"'));
    const outcome = await built.build();
    expect(outcome.ok).toBe(false);
    const report = outcome.lines.join('\n');
    expect(report).toMatch(/stories\/bad\.md:4:9 +error +Unexpected text "killed" in `status`, expected one of usable, withheld or canceled/);
    expect(report).toMatch(/stories\/bad\.md:5:10 +error .*`urgency`.*1 \(most urgent\) to 9/);
    expect(report).toMatch(/stories\/bad\.md:6:7 +error +"!!" is not a language tag/);
  });
});
