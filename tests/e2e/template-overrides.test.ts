import { mkdir, readdir, readFile, rm, stat, symlink } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { siteTemplates } from '../../src/overrides/site-templates.js';
import { cliOutcome, filesBelow, lastWork } from '../support/cli-build.js';
import { fixtureStory, siteMaker } from '../support/fixture-site.js';

const site = siteMaker();
const repo = path.resolve(import.meta.dirname, '../..');

const stories = `
-- site.yaml --
title: Override Desk
baseUrl: https://example.com/
${fixtureStory('alpha', 20, 'tags: [Desk]')}
${fixtureStory('beta', 21, 'tags: [Desk]')}
`;

/** A story page override that wraps the default one, adding a box after the story through the layout it is shown in. */
const boxedArticle = `
-- templates/article.tsx --
import type { Root } from 'hast';
import { defaultTemplates, type ArticleView, type Templates } from 'wiredesk/templates';

export default function article(view: ArticleView, templates: Templates): Root {
  return defaultTemplates.article(view, {
    ...templates,
    layout: (content, table) => templates.layout({ ...content, main: <>{content.main}<aside class="desk-box">From the desk: {view.article.title}</aside></> }, table),
  });
}
`;

const ownCard = `
-- templates/story-card.tsx --
import { hrefTo, type StoryCardView } from 'wiredesk/templates';

export default function storyCard({ config, article }: StoryCardView) {
  return <article class="desk-card"><a href={hrefTo(config, article.path)}>{article.title.toUpperCase()}</a></article>;
}
`;

/** A list page override that shows a token drawn anew at each rendering. */
const tokenList = `import { defaultTemplates } from 'wiredesk/templates';
export default function list(view, templates) {
  return defaultTemplates.list(view, { ...templates, layout: (content, table) => templates.layout({ ...content, main: <>{content.main}<p class="render-token">{String(Math.random())}</p></> }, table) });
}`;

/** The compiled override folders below the cache. */
async function compiledFolders(dir: string): Promise<string[]> {
  return readdir(path.join(dir, '.wiredesk-cache/templates')).catch(() => []);
}

describe("a site's template overrides", () => {
  it('should show an overridden story template on story pages, wrapping the default, and not on list pages', async () => {
    const made = await site(stories + boxedArticle);
    const built = await cliOutcome(made.dir, ['build']);
    expect(built.code).toBe(0);
    const page = await made.read('2018/05/20/alpha/');
    expect(page).toContain('<aside class="desk-box">From the desk: Story ALPHA</aside>');
    // The default story page is all there around the box.
    expect(page).toContain('<h1>Story ALPHA</h1>');
    expect(page).toContain('<footer class="site-footer">');
    expect(await made.read('')).not.toContain('desk-box');
    expect(await made.read('tags/desk/')).not.toContain('desk-box');
  });

  it('should show an overridden story card in lists', async () => {
    const made = await site(stories + ownCard);
    expect((await cliOutcome(made.dir, ['build'])).code).toBe(0);
    const home = await made.read('');
    expect(home).toContain('<article class="desk-card"><a href="/2018/05/21/beta/">STORY BETA</a></article>');
    expect(home).not.toContain('class="card"');
    expect(await made.read('tags/desk/')).toContain('STORY ALPHA');
  });

  it('should show an overridden header and footer, each one element, on every page, and refuse a header that returns a whole document', async () => {
    const made = await site(`${stories}
-- templates/header.tsx --
import type { Element } from 'hast';
import { defaultTemplates, type HeaderView, type Templates } from 'wiredesk/templates';

export default function header(view: HeaderView, templates: Templates): Element {
  return <div class="desk-masthead">{defaultTemplates.header(view, templates)}</div>;
}
-- templates/footer.tsx --
export default function footer() {
  return <footer class="desk-footer">The Desk</footer>;
}
`);
    expect((await cliOutcome(made.dir, ['build'])).code).toBe(0);
    for (const page of ['', '2018/05/20/alpha/', 'tags/desk/']) {
      const html = await made.read(page);
      expect(html).toContain('<div class="desk-masthead"><header class="site-header">');
      expect(html).toContain('<footer class="desk-footer">The Desk</footer>');
    }
    await made.write('templates/header.tsx', `export default function header() {\n  return { type: 'root', children: [] };\n}\n`);
    const refused = await cliOutcome(made.dir, ['build']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('templates/header.tsx  error  The template `header` failed while rendering the page');
    expect(refused.stderr).toContain('(it returned a node of type root, not an element)');
  });

  it('should render story pages on render threads with the same overrides', async () => {
    const made = await site(stories + boxedArticle);
    const built = await cliOutcome(made.dir, ['build'], { WIREDESK_RENDER_POOL_FROM: '1' });
    expect(built.code).toBe(0);
    expect((await lastWork(made.dir)).renderThreads).toBeGreaterThan(1);
    expect(await made.read('2018/05/21/beta/')).toContain('From the desk: Story BETA');
  });

  it('should report a syntax error at its file, line and column, exit 1 and leave the last output as it was', async () => {
    const made = await site(stories + boxedArticle);
    expect((await cliOutcome(made.dir, ['build'])).code).toBe(0);
    const before = await filesBelow(path.join(made.dir, 'dist'));
    await made.write('templates/article.tsx', 'export default function article(view) {\n  return <div class="x">{view.article.title}</div;\n}\n');
    const failed = await cliOutcome(made.dir, ['build']);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/^templates\/article\.tsx:2:50 {2}error {2}Expected `>` but found `;`.* {2}template-error$/m);
    const after = await filesBelow(path.join(made.dir, 'dist'));
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [name, bytes] of before) expect(after.get(name)?.equals(bytes), name).toBe(true);
  });

  it('should name the expected default export when an override has none', async () => {
    const made = await site(`${stories}\n-- templates/not-found.tsx --\nexport function notFound() {\n  return <p>lost</p>;\n}\n`);
    const failed = await cliOutcome(made.dir, ['build']);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain(
      'templates/not-found.tsx  error  No default export to render with (it exports `notFound`), expected `export default function notFound(view, templates)`  template-error',
    );
  });

  it('should name the template and the page when an override throws, on this thread or a render thread, and leave the last output as it was', async () => {
    const made = await site(stories);
    expect((await cliOutcome(made.dir, ['build'])).code).toBe(0);
    const before = await filesBelow(path.join(made.dir, 'dist'));
    await made.write('templates/article.ts', 'export default function article(view: { article: { id: string } }) {\n  throw new Error(`no page for ${view.article.id}`);\n}\n');
    for (const env of [{}, { WIREDESK_RENDER_POOL_FROM: '1' }]) {
      const failed = await cliOutcome(made.dir, ['build'], env);
      expect(failed.code).toBe(1);
      expect(failed.stderr).toMatch(
        /^templates\/article\.ts {2}error {2}The template `article` failed while rendering the page "2018\/05\/2[01]\/(alpha|beta)\/" \(it threw Error: no page for (alpha|beta)\)/m,
      );
      expect(failed.stderr).not.toContain('    at ');
      // Not a list page nor a feed written meanwhile, nor a file left beside its place.
      const after = await filesBelow(path.join(made.dir, 'dist'));
      expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
      for (const [name, bytes] of before) expect(after.get(name)?.equals(bytes), name).toBe(true);
    }
  });

  it('should not compile unchanged overrides again, and render again only the pages an edited one renders', async () => {
    // List pages carry a token drawn anew each time they are rendered: the same token is a page not rendered again.
    const made = await site(`${stories}${boxedArticle}\n-- templates/list.tsx --\n${tokenList}`);
    expect((await cliOutcome(made.dir, ['build'])).code).toBe(0);
    const [first] = await compiledFolders(made.dir);
    expect(first).toBeDefined();
    const module = path.join(made.dir, '.wiredesk-cache/templates', first ?? '', 'article.mjs');
    const compiled = await stat(module);
    const home = await made.read('');
    expect(home).toMatch(/<p class="render-token">0\.\d+<\/p>/);
    const again = await cliOutcome(made.dir, ['build']);
    expect(again.stdout).toMatch(/0 files written/);
    expect(await compiledFolders(made.dir)).toEqual([first]);
    expect((await stat(module)).mtimeMs).toBe(compiled.mtimeMs);
    expect((await stat(module)).ino).toBe(compiled.ino);

    await made.write('templates/article.tsx', (await readFile(path.join(made.dir, 'templates/article.tsx'), 'utf8')).replace('From the desk', 'Desk note'));
    expect((await cliOutcome(made.dir, ['build'])).code).toBe(0);
    expect(await made.read('2018/05/20/alpha/')).toContain('Desk note: Story ALPHA');
    // Only the pages the story template renders were written again: no list page, feed or sitemap.
    const manifest = JSON.parse(await readFile(path.join(made.dir, '.wiredesk-cache/manifest.json'), 'utf8')) as { added: string[]; changed: string[]; removed: string[] };
    expect(manifest.changed.sort()).toEqual(['2018/05/20/alpha/index.html', '2018/05/21/beta/index.html']);
    expect(manifest.added).toEqual([]);
    expect(await made.read('')).toBe(home);
    const folders = await compiledFolders(made.dir);
    expect(folders).toHaveLength(1);
    expect(folders).not.toEqual([first]);
  });

  it('should render again the list pages, and not the feeds, when the story card changes', async () => {
    const made = await site(stories + ownCard);
    expect((await cliOutcome(made.dir, ['build'])).code).toBe(0);
    await made.write('templates/story-card.tsx', (await readFile(path.join(made.dir, 'templates/story-card.tsx'), 'utf8')).replace('toUpperCase()', 'toLowerCase()'));
    expect((await cliOutcome(made.dir, ['build'])).code).toBe(0);
    expect(await made.read('')).toContain('>story beta</a>');
    const { changed } = JSON.parse(await readFile(path.join(made.dir, '.wiredesk-cache/manifest.json'), 'utf8')) as { changed: string[] };
    expect(changed).toEqual(expect.arrayContaining(['index.html', 'tags/desk/index.html', '404.html']));
    expect(changed.filter((file) => /\.(xml|json|txt)$/.test(file))).toEqual([]);
  });

  it('should keep no compiled templates through a link planted in the cache folder, and still build', async () => {
    const made = await site(stories + boxedArticle);
    const elsewhere = path.join(made.dir, 'elsewhere');
    await mkdir(elsewhere);
    await mkdir(path.join(made.dir, '.wiredesk-cache'));
    await symlink(elsewhere, path.join(made.dir, '.wiredesk-cache/templates'));
    expect((await cliOutcome(made.dir, ['build'])).code).toBe(0);
    expect(await made.read('2018/05/20/alpha/')).toContain('desk-box');
    expect(await readdir(elsewhere)).toEqual([]);
  });

  it('should go back to the default template when the override is removed', async () => {
    const made = await site(stories + boxedArticle);
    expect((await cliOutcome(made.dir, ['build'])).code).toBe(0);
    await rm(path.join(made.dir, 'templates/article.tsx'));
    expect((await cliOutcome(made.dir, ['build'])).code).toBe(0);
    expect(await made.read('2018/05/20/alpha/')).not.toContain('desk-box');
  });

  it("should not take the package's own templates for overrides when building the sample site", async () => {
    const found = await siteTemplates({ cwd: repo });
    expect(found.compiled).toEqual([]);
    expect(found.digest).toBeUndefined();
    expect(found.messages).toEqual([]);
  });
});
