import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDevEngine, type DevEngine } from '../../src/dev/engine.js';
import { fixtureSite, fixtureStory, type FixtureSite } from '../support/fixture-site.js';

// Alpha and beta share a tag (beta shows alpha, the older, as a related story); gamma is filed elsewhere.
const site = `
-- site.yaml --
title: Recorded Desk
${fixtureStory('alpha', 20, 'section: World\ntags: [Desk]\nbyline: Ann Author')}
${fixtureStory('beta', 21, 'section: World\ntags: [Desk]\nbyline: Ben Writer')}
${fixtureStory('gamma', 22, 'section: Business\ntags: [Markets]\nbyline: Gil Reporter')}
-- templates/story-card.tsx --
import { hrefTo, type StoryCardView } from 'wiredesk/templates';

export default function storyCard({ config, article }: StoryCardView) {
  return <article class="desk-card"><a href={hrefTo(config, article.path)}>{article.title}</a><p class="desk-byline">{article.byline}</p></article>;
}
`;

/** The text the engine serves at a site path, or nothing when it serves no bytes there. */
function servedText(engine: DevEngine, sitePath: string): string {
  const found = engine.lookup(sitePath);
  return found?.kind === 'bytes' ? (typeof found.body === 'string' ? found.body : new TextDecoder().decode(found.body)) : '';
}

/** Whether a site path is an HTML page: home (``), a folder's page, or an `.html` file. */
const isHtml = (sitePath: string) => sitePath === '' || sitePath.endsWith('/') || sitePath.endsWith('.html');

describe('the dev engine re-renders the pages whose templates read what changed', () => {
  let fixture: FixtureSite;
  let engine: DevEngine;
  /** Save alpha with other front matter and body; the HTML pages the engine says changed, sorted. */
  const editAlpha = async (frontMatter: string, body?: string) => {
    await fixture.write('stories/alpha.md', fixtureStory('alpha', 20, frontMatter, body).split('\n').slice(2).join('\n'));
    const report = await engine.update([path.join(fixture.dir, 'stories/alpha.md')]);
    expect(report.ok).toBe(true);
    return report.changed.filter(isHtml).sort();
  };
  /** Every HTML page of the site as the engine serves it now, by site path. */
  const servedPages = () =>
    new Map(
      engine.initial.changed.filter(isHtml).flatMap((sitePath) => {
        const served = engine.lookup(sitePath);
        return served?.kind === 'bytes' ? [[sitePath, typeof served.body === 'string' ? served.body : new TextDecoder().decode(served.body)] as const] : [];
      }),
    );
  const showing = (text: string) =>
    [...servedPages()]
      .filter(([, html]) => html.includes(text))
      .map(([sitePath]) => sitePath)
      .sort();

  beforeEach(async () => {
    fixture = await fixtureSite(site);
    engine = await createDevEngine({ cwd: fixture.dir });
    expect(engine.initial.ok).toBe(true);
    // Every page served once: the browser has them all open.
    expect(showing('<p class="desk-byline">Ann Author</p>')).toContain('');
  });
  afterEach(() => fixture.remove());

  it('should re-render exactly the pages that show a story as a card when only its byline, which the card shows, changes', async () => {
    const changed = await editAlpha('section: World\ntags: [Desk]\nbyline: Ava Newname');
    const pages = showing('Ava Newname');
    expect(pages).toEqual(expect.arrayContaining(['', 'sections/world/', 'tags/desk/', '404.html', '2018/05/21/beta/', '2018/05/20/alpha/']));
    expect(changed).toEqual(pages);
    // Once more, now that the byline is known to be read: the same pages.
    expect(await editAlpha('section: World\ntags: [Desk]\nbyline: Ada Thirdname')).toEqual(pages);
  });

  it('should re-render only the story page when a paragraph of its body, which no card shows, changes', async () => {
    // A second paragraph: the summary, the first, stays as it was.
    expect(await editAlpha('section: World\ntags: [Desk]\nbyline: Ann Author', 'Body of alpha.\n\nA second paragraph.')).toEqual(['2018/05/20/alpha/']);
  });
});

describe("the dev engine re-renders the archive pages that show their list's story count", () => {
  it('should send an archive page that shows the count to reload, with the new count, when a story joins its list', async () => {
    const stories = ['one', 'two', 'three', 'four', 'five', 'six', 'seven'].map((id, index) => fixtureStory(id, 10 + index, 'section: World')).join('\n');
    const fixture = await fixtureSite(`
-- site.yaml --
title: Count Desk
pageSize: 1
${stories}
-- templates/list.tsx --
import type { Root } from 'hast';
import { defaultTemplates, type ListView, type Templates } from 'wiredesk/templates';

export default function list(view: ListView, templates: Templates): Root {
  const count = <p class="every-count">{\`\${view.total} stories\`}</p>;
  return defaultTemplates.list(view, { ...templates, layout: (content, table) => templates.layout({ ...content, main: <>{content.main}{count}</> }, table) });
}
`);
    try {
      const engine = await createDevEngine({ cwd: fixture.dir });
      const served = (sitePath: string) => servedText(engine, sitePath);
      expect(served('sections/world/page/1/')).toContain('<p class="every-count">7 stories</p>');
      await fixture.write('stories/eight.md', fixtureStory('eight', 17, 'section: World').split('\n').slice(2).join('\n'));
      const report = await engine.update([path.join(fixture.dir, 'stories/eight.md')]);
      expect(report.ok).toBe(true);
      expect(report.changed).toContain('sections/world/page/1/');
      expect(served('sections/world/page/1/')).toContain('<p class="every-count">8 stories</p>');
    } finally {
      await fixture.remove();
    }
  });
});

describe("the dev engine re-renders the pages that show the sections' story counts", () => {
  it('should send every page whose header shows the counts to reload, with the new count, when a story joins a section', async () => {
    const fixture = await fixtureSite(`
-- site.yaml --
title: Count Desk
${fixtureStory('alpha', 20, 'section: World')}
${fixtureStory('gamma', 22, 'section: Business')}
-- templates/header.tsx --
import type { Element } from 'hast';
import { defaultTemplates, type HeaderView, type Templates } from 'wiredesk/templates';

export default function header(view: HeaderView, templates: Templates): Element {
  return <div>{defaultTemplates.header(view, templates)}<p class="section-counts">{view.sections.map((section) => \`\${section.name}: \${section.articleIds.length}\`).join(', ')}</p></div>;
}
`);
    try {
      const engine = await createDevEngine({ cwd: fixture.dir });
      const served = (sitePath: string) => servedText(engine, sitePath);
      expect(served('2018/05/22/gamma/')).toContain('<p class="section-counts">Business: 1, World: 1</p>');
      await fixture.write('stories/delta.md', fixtureStory('delta', 23, 'section: World').split('\n').slice(2).join('\n'));
      const report = await engine.update([path.join(fixture.dir, 'stories/delta.md')]);
      expect(report.ok).toBe(true);
      expect(report.changed).toEqual(expect.arrayContaining(['2018/05/22/gamma/', '2018/05/20/alpha/', 'sections/business/', 'tags/']));
      expect(served('2018/05/22/gamma/')).toContain('<p class="section-counts">Business: 1, World: 2</p>');
    } finally {
      await fixture.remove();
    }
  });
});
