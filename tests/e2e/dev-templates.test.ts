import { describe, expect, it } from 'vitest';
import { requestWith } from '../support/dev-server-fixtures.js';
import { devSessions } from '../support/dev-process.js';
import { fixtureStory } from '../support/fixture-site.js';

const dev = devSessions();

/** A story page override that adds a note after the story. */
const withNote = (note: string) => `import { defaultTemplates } from 'wiredesk/templates';
export default function article(view, templates) {
  return defaultTemplates.article(view, { ...templates, layout: (content, table) => templates.layout({ ...content, main: <>{content.main}<p class="desk-note">${note}</p></> }, table) });
}
`;

describe("wiredesk dev and a site's templates", () => {
  it('should render with the overrides, show a compile error as a problem while serving the last good pages, and render again once fixed', async () => {
    const fixture = await dev.site(`${fixtureStory('alpha', 20)}\n-- templates/article.jsx --\n${withNote('First note')}`);
    const server = await dev.serve(fixture);
    const port = Number(new URL(server.url).port);
    const story = async () => (await requestWith(port, '/2018/05/20/alpha/', {})).body;
    expect(await story()).toContain('<p class="desk-note">First note</p>');

    await fixture.write('templates/article.jsx', 'export default function article(view) {\n  return <p>{view.article.title}</p;\n}\n');
    await server.waitForLine(/^templates\/article\.jsx:2:36 {2}error {2}.* {2}template-error$/);
    await server.waitForLine(/templates\/article\.jsx changed · problems: serving the last good build/);
    expect(await story()).toContain('First note');

    await fixture.write('templates/article.jsx', withNote('Second note'));
    await server.waitForLine(/templates\/article\.jsx changed · \d+ pages rebuilt/);
    expect(await story()).toContain('<p class="desk-note">Second note</p>');
  }, 60_000);

  it('should show which template failed on a page, in place of the page, and the page once the template is fixed', async () => {
    const fixture = await dev.site(
      `${fixtureStory('alpha', 20)}\n-- templates/article.jsx --\nexport default function article(view) {\n  throw new Error('no <b>page</b> for ' + view.article.id);\n}\n`,
    );
    const server = await dev.serve(fixture);
    const port = Number(new URL(server.url).port);
    const story = await requestWith(port, '/2018/05/20/alpha/', {});
    expect(story.body).toContain('<h1>A template failed on this page</h1>');
    expect(story.body).toContain('templates/article.jsx  error  The template `article` failed while rendering the page "2018/05/20/alpha/" (it threw Error: no &#x3C;b>page&#x3C;/b> for alpha)');
    // The rest of the site is served as usual.
    expect((await requestWith(port, '/', {})).body).toContain('Story ALPHA');

    await fixture.write('templates/article.jsx', withNote('Fixed'));
    await server.waitForLine(/templates\/article\.jsx changed · \d+ pages rebuilt/);
    expect((await requestWith(port, '/2018/05/20/alpha/', {})).body).toContain('<p class="desk-note">Fixed</p>');
  }, 60_000);
});
