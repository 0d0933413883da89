import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BuildManifest } from '../../src/deploy/manifest.js';
import { cliOutcome, filesBelow } from '../support/cli-build.js';
import { fixtureStory, siteMaker, type FixtureSite } from '../support/fixture-site.js';

const site = siteMaker();

/** A layout that shows a token drawn anew at each rendering: every page rendered is a page written. */
const renderToken = `
-- templates/layout.tsx --
import type { Root } from 'hast';
import { defaultTemplates, type LayoutContent, type Templates } from 'wiredesk/templates';

export default function layout(content: LayoutContent, templates: Templates): Root {
  return defaultTemplates.layout({ ...content, main: <>{content.main}<p class="render-token">{String(Math.random())}</p></> }, templates);
}
`;

// Alpha and beta share a tag, so beta shows alpha, the older, as a related story; gamma is filed elsewhere.
const stories = `
-- site.yaml --
title: Recorded Desk
baseUrl: https://example.com/
${fixtureStory('alpha', 20, 'section: World\ntags: [Desk]\nbyline: Ann Author')}
${fixtureStory('beta', 21, 'section: World\ntags: [Desk]\nbyline: Ben Writer')}
${fixtureStory('gamma', 22, 'section: Business\ntags: [Markets]\nbyline: Gil Reporter')}
${renderToken}`;

/** A story card that shows the headline and nothing else a default card does not show. */
const plainCard = `
-- templates/story-card.tsx --
import { hrefTo, type StoryCardView } from 'wiredesk/templates';

export default function storyCard({ config, article }: StoryCardView) {
  return <article class="desk-card"><a href={hrefTo(config, article.path)}>{article.title}</a></article>;
}
`;

/** The same card, now showing the story's byline as well. */
const bylineCard = plainCard.replace('{article.title}</a>', '{article.title}</a><p class="desk-byline">{article.byline}</p>');

/** A story page that shows, under the default page, the byline of each related story: only story pages read it. */
const relatedBylines = `
-- templates/article.tsx --
import type { Root } from 'hast';
import { defaultTemplates, type ArticleView, type Templates } from 'wiredesk/templates';

export default function article(view: ArticleView, templates: Templates): Root {
  const bylines = <ul class="related-bylines">{view.related.map((story) => <li>{story.byline}</li>)}</ul>;
  return defaultTemplates.article(view, { ...templates, layout: (content, table) => templates.layout({ ...content, main: <>{content.main}{bylines}</> }, table) });
}
`;

async function build(made: FixtureSite, env: Readonly<Record<string, string>> = {}): Promise<BuildManifest> {
  const built = await cliOutcome(made.dir, ['build'], env);
  expect(built.code, built.stderr).toBe(0);
  return JSON.parse(await readFile(path.join(made.dir, '.wiredesk-cache/manifest.json'), 'utf8')) as BuildManifest;
}

/** The HTML pages a build wrote (added or changed), sorted. */
function writtenPages(manifest: BuildManifest): string[] {
  return [...manifest.added, ...manifest.changed].filter((file) => file.endsWith('.html')).sort();
}

/** The HTML pages of the built site whose text contains `text`, sorted. */
async function pagesShowing(made: FixtureSite, text: string): Promise<string[]> {
  const files = await filesBelow(path.join(made.dir, 'dist'));
  return [...files]
    .filter(([file, bytes]) => file.endsWith('.html') && bytes.toString('utf8').includes(text))
    .map(([file]) => file.split(path.sep).join('/'))
    .sort();
}

/** Save a story of the fixture with other front matter (the fixture block without its \`-- path --\` line). */
async function editStory(made: FixtureSite, id: string, day: number, extra: string): Promise<void> {
  await made.write(`stories/${id}.md`, fixtureStory(id, day, extra).split('\n').slice(2).join('\n'));
}

describe('pages re-rendered by what their templates read', () => {
  it('should re-render exactly the pages that show a story as a card once the card starts showing the byline, when only the byline changes', async () => {
    const made = await site(stories + plainCard);
    await build(made);
    // The site's card starts reading a field wiredesk's own card never shows.
    await made.write('templates/story-card.tsx', bylineCard.split('\n').slice(2).join('\n'));
    await build(made);
    expect(await made.read('')).toContain('<p class="desk-byline">Ann Author</p>');

    await editStory(made, 'alpha', 20, 'section: World\ntags: [Desk]\nbyline: Ava Newname');
    const written = writtenPages(await build(made));
    const showing = await pagesShowing(made, 'Ava Newname');
    // Its own page, and every page that shows it as a card: home, its section and tag, the 404 page, beta's related stories.
    expect(showing).toEqual(expect.arrayContaining(['index.html', 'sections/world/index.html', 'tags/desk/index.html', '404.html', '2018/05/21/beta/index.html', '2018/05/20/alpha/index.html']));
    expect(written).toEqual(showing);
    expect(written).not.toContain('sections/business/index.html');
    expect(written).not.toContain('2018/05/22/gamma/index.html');
  });

  it('should leave the lists alone when a byline changes that no card shows', async () => {
    const made = await site(stories + plainCard);
    await build(made);
    await editStory(made, 'alpha', 20, 'section: World\ntags: [Desk]\nbyline: Ava Newname');
    expect(writtenPages(await build(made))).toEqual(['2018/05/20/alpha/index.html']);
  });

  it('should forget a field the cards no longer show once a build renders every page again', async () => {
    const made = await site(stories + bylineCard);
    await build(made);
    await made.write('templates/story-card.tsx', plainCard.split('\n').slice(2).join('\n'));
    // No output folder (a fresh checkout with the cache restored): every page is rendered, with the plain card.
    await rm(path.join(made.dir, 'dist'), { recursive: true });
    await build(made);
    await editStory(made, 'alpha', 20, 'section: World\ntags: [Desk]\nbyline: Ava Newname');
    expect(writtenPages(await build(made))).toEqual(['2018/05/20/alpha/index.html']);
  });

  it('should record what pages rendered on render threads read, and re-render them when it changes', async () => {
    const made = await site(stories + relatedBylines);
    const onThreads = { WIREDESK_RENDER_POOL_FROM: '1' };
    await build(made, onThreads);
    expect(await made.read('2018/05/21/beta/')).toContain('<ul class="related-bylines"><li>Ann Author</li></ul>');

    await editStory(made, 'alpha', 20, 'section: World\ntags: [Desk]\nbyline: Ava Newname');
    const written = writtenPages(await build(made, onThreads));
    // Alpha's own page, and beta's, which lists alpha's byline under its related stories: no list page shows it.
    expect(written).toEqual(['2018/05/20/alpha/index.html', '2018/05/21/beta/index.html']);
    expect(await made.read('2018/05/21/beta/')).toContain('<li>Ava Newname</li>');
  });
});

/** Seven stories of one section, one to a list page: the oldest archive pages are far from the newest, and a publish leaves them as they are. */
const countedStories = `
-- site.yaml --
title: Count Desk
baseUrl: https://example.com/
pageSize: 1
${['one', 'two', 'three', 'four', 'five', 'six', 'seven'].map((id, index) => fixtureStory(id, 10 + index, 'section: World')).join('\n')}
${renderToken}`;

/** A list template that shows how many stories the whole list has on every page, archive pages included. */
const countOnEveryPage = `
-- templates/list.tsx --
import type { Root } from 'hast';
import { defaultTemplates, type ListView, type Templates } from 'wiredesk/templates';

export default function list(view: ListView, templates: Templates): Root {
  const count = <p class="every-count">{\`\${view.total} stories\`}</p>;
  return defaultTemplates.list(view, { ...templates, layout: (content, table) => templates.layout({ ...content, main: <>{content.main}{count}</> }, table) });
}
`;

describe("pages re-rendered by the list's story count they show", () => {
  it('should re-render the archive pages of a list whose template shows its story count there, when a story joins the list', async () => {
    const made = await site(countedStories + countOnEveryPage);
    await build(made);
    expect(await made.read('sections/world/page/1/')).toContain('<p class="every-count">7 stories</p>');
    await made.write('stories/eight.md', fixtureStory('eight', 17, 'section: World').split('\n').slice(2).join('\n'));
    const written = writtenPages(await build(made));
    expect(written).toEqual(expect.arrayContaining(['page/1/index.html', 'sections/world/page/1/index.html']));
    expect(await made.read('sections/world/page/1/')).toContain('<p class="every-count">8 stories</p>');
    expect(await made.read('page/1/')).toContain('<p class="every-count">8 stories</p>');
  });

  it("should leave the archive pages alone on a publish when the site's templates show no count there", async () => {
    const made = await site(countedStories);
    await build(made);
    await made.write('stories/eight.md', fixtureStory('eight', 17, 'section: World').split('\n').slice(2).join('\n'));
    const written = writtenPages(await build(made));
    // The newest story joins the first pages; the oldest archive pages list the same stories as before.
    expect(written).toContain('index.html');
    expect(written).not.toContain('page/1/index.html');
    expect(written).not.toContain('sections/world/page/1/index.html');
  });
});

/** A header that shows how many stories each section of the navigation has, on every page. */
const sectionCountsHeader = `
-- templates/header.tsx --
import type { Element } from 'hast';
import { defaultTemplates, type HeaderView, type Templates } from 'wiredesk/templates';

export default function header(view: HeaderView, templates: Templates): Element {
  return <div class="desk-header">{defaultTemplates.header(view, templates)}<p class="section-counts">{view.sections.map((section) => \`\${section.name}: \${section.articleIds.length}\`).join(', ')}</p></div>;
}
`;

/** A story page that shows how many stories each of its tags has (wiredesk's own shows the count of topics only). */
const tagCountsStory = `
-- templates/article.tsx --
import type { Root } from 'hast';
import { defaultTemplates, type ArticleView, type Templates } from 'wiredesk/templates';

export default function article(view: ArticleView, templates: Templates): Root {
  const counts = <p class="tag-counts">{view.tags.map((tag) => \`\${tag.name}: \${tag.articleIds.length}\`).join(', ')}</p>;
  return defaultTemplates.article(view, { ...templates, layout: (content, table) => templates.layout({ ...content, main: <>{content.main}{counts}</> }, table) });
}
`;

describe('pages re-rendered by the story counts of other collections they show', () => {
  it("should re-render every page whose header shows the sections' counts when a story joins a section", async () => {
    const made = await site(stories + sectionCountsHeader);
    await build(made);
    expect(await made.read('2018/05/22/gamma/')).toContain('<p class="section-counts">Business: 1, World: 2</p>');
    await made.write('stories/delta.md', fixtureStory('delta', 23, 'section: World').split('\n').slice(2).join('\n'));
    const written = writtenPages(await build(made));
    // Every page carries the header, and no page shows the old count.
    expect(await pagesShowing(made, 'World: 2')).toEqual([]);
    expect(written).toEqual(await pagesShowing(made, 'World: 3'));
    expect(written).toContain('2018/05/22/gamma/index.html');
  });

  it('should re-render the story pages that show a tag’s count when a story joins the tag, and leave the others alone', async () => {
    const made = await site(stories + tagCountsStory);
    await build(made, { WIREDESK_RENDER_POOL_FROM: '1' });
    expect(await made.read('2018/05/20/alpha/')).toContain('<p class="tag-counts">Desk: 2</p>');
    await made.write('stories/delta.md', fixtureStory('delta', 23, 'section: Business\ntags: [Desk]').split('\n').slice(2).join('\n'));
    const written = writtenPages(await build(made, { WIREDESK_RENDER_POOL_FROM: '1' }));
    expect(await made.read('2018/05/20/alpha/')).toContain('<p class="tag-counts">Desk: 3</p>');
    expect(await made.read('2018/05/21/beta/')).toContain('<p class="tag-counts">Desk: 3</p>');
    expect(written).toEqual(expect.arrayContaining(['2018/05/20/alpha/index.html', '2018/05/21/beta/index.html', '2018/05/23/delta/index.html']));
    // Gamma's tag is another one: its page shows the same counts as before.
    expect(written).not.toContain('2018/05/22/gamma/index.html');
  });

  it("should leave the other stories' pages alone on a publish when the site's templates show no such count", async () => {
    const made = await site(stories);
    await build(made);
    await made.write('stories/delta.md', fixtureStory('delta', 23, 'section: Business\ntags: [Desk]').split('\n').slice(2).join('\n'));
    const written = writtenPages(await build(made));
    expect(written).toContain('2018/05/23/delta/index.html');
    expect(written).not.toContain('2018/05/20/alpha/index.html');
    expect(written).not.toContain('2018/05/22/gamma/index.html');
  });
});
