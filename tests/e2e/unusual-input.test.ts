import { readFile, readdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { siteMaker } from '../support/fixture-site.js';
import { parsePage } from '../support/html.js';

// Input that is unusual but fine must build without a word; input aimed at the file system must
// stay inside `dist/`.

const site = siteMaker();

const story = (fields: Record<string, string>, body: string) => ['---', ...Object.entries(fields).map(([name, value]) => `${name}: ${value}`), '---', '', body, ''].join('\n');

/** Every file and folder under `dir`, resolved: nothing may point outside it. */
async function everyPath(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true })).map((entry) => path.resolve(dir, entry));
}

describe('unusual but valid input', () => {
  it('should build CRLF, a BOM, Cyrillic, Japanese and right-to-left text in every field without a message', async () => {
    const built = await site('');
    const scripts = [
      ['russian', 'Путин: Россия заинтересована', 'Экономика', 'ПМЭФ-2018', 'Япония', 'САНКТ-ПЕТЕРБУРГ'],
      ['japanese', '日本とロシアの協力', '経済', 'サミット', '日本', '東京'],
      ['arabic', 'روسيا مهتمة بالتعاون', 'اقتصاد', 'منتدى', 'اليابان', 'القاهرة'],
    ];
    for (const [id, title, section, topic, tag, place] of scripts) {
      const text = story(
        {
          title: `"${title}"`,
          date: '2018-05-25T14:03:00+03:00',
          section: `"${section}"`,
          topics: `["${topic}"]`,
          tags: `["${tag}"]`,
          dateline: `{ place: "${place}", agency: "${tag}" }`,
          byline: `"${title}"`,
          summary: `"${title}"`,
          note: `"${title}"`,
          image: `{ src: "https://images.example/${id}.jpg", alt: "${tag}", caption: "${title}", credit: "© ${place}" }`,
          // Said, as a desk says it: a story in another script without it is shown in a guessed language, with a warning.
          lang: { russian: 'ru', japanese: 'ja', arabic: 'ar' }[id ?? ''] ?? 'en',
        },
        `${title}.\n\n> «${title}»`,
      );
      await built.write(`stories/${id}.md`, `\uFEFF${text.replace(/\n/g, '\r\n')}`);
    }
    const outcome = await built.build();
    expect(outcome.messages).toEqual([]);
    const files = await built.files();
    // Slugs keep the letters of every script, so URLs stay readable; on disk they are UTF-8 names.
    expect(files).toContain('tags/япония/index.html');
    expect(files).toContain('tags/日本/index.html');
    expect(files).toContain('tags/اليابان/index.html');
    const page = parsePage(await built.read('2018/05/25/japanese/'));
    expect(page.text('h1')).toBe('日本とロシアの協力');
    expect(page.text('figcaption')).toBe('日本とロシアの協力 © 東京');
    expect(page.text('.note')).toBe('日本とロシアの協力');
    expect(page.text('.dateline')).toBe('東京 (日本) –');
    expect(page.attrs('a[href*="tags/"]', 'href')).toContain('/tags/%E6%97%A5%E6%9C%AC/');
  });

  it('should accept a very long title, a body with no paragraph, and a story just under the 512 KB budget', async () => {
    const long = 'Breaking '.repeat(300).trim();
    const huge = Array.from(
      { length: 2_800 },
      (_, index) => `Paragraph ${index} of a very long wire story, ${index % 50 === 0 ? `with *emphasis* and [a link](https://example.com/${index})` : 'and nothing in it but words and more words'}.`,
    ).join('\n\n');
    expect(Buffer.byteLength(huge)).toBeGreaterThan(240_000);
    const built = await site(
      `-- stories/long.md --\n${story({ title: long, date: '2018-05-25T10:00:00Z' }, '')}` +
        `-- stories/list.md --\n${story({ title: 'Only a list', date: '2018-05-24T10:00:00Z' }, '- one\n- two')}` +
        `-- stories/huge.md --\n${story({ title: 'Huge', date: '2018-05-23T10:00:00Z' }, `${huge}\n\n${huge}`)}`,
    );
    expect((await readFile(path.join(built.dir, 'stories/huge.md'))).byteLength).toBeGreaterThan(480_000);
    expect((await readFile(path.join(built.dir, 'stories/huge.md'))).byteLength).toBeLessThanOrEqual(512 * 1024);
    const outcome = await built.build();
    expect(outcome.messages).toEqual([]);
    expect(parsePage(await built.read('2018/05/25/long/')).text('h1')).toBe(long);
    expect(parsePage(await built.read('2018/05/24/list/')).texts('.story-body li')).toEqual(['one', 'two']);
    expect(await built.read('2018/05/23/huge/')).toContain('Paragraph 2799 of a very long wire story, and nothing in it');
  });
});

describe('names aimed at the file system', () => {
  it('should keep tags such as ../../etc, index, con, .git and %2e%2e inside dist', async () => {
    const tags = ['../../etc', 'index', 'con', '.git', '%2e%2e', '..', '/'];
    const built = await site(`-- stories/a.md --\n${story({ title: 'A', date: '2018-05-25T10:00:00Z', tags: JSON.stringify(tags.slice(0, 5)) }, 'Body.')}`);
    const outcome = await built.build();
    expect(outcome.ok).toBe(true);
    const files = await built.files();
    for (const folder of ['etc', 'index', 'con', 'git', '2e-2e']) expect(files).toContain(`tags/${folder}/index.html`);
    const dist = path.join(built.dir, 'dist');
    for (const file of await everyPath(dist)) expect(file.startsWith(`${dist}${path.sep}`), file).toBe(true);
    expect((await readdir(built.dir)).sort()).toEqual(['.dist.wiredesk', '.wiredesk-cache', 'dist', 'stories']);
  });

  it('should refuse a tag with nothing to make a URL from, naming where it was written', async () => {
    const built = await site(`-- stories/a.md --\n${story({ title: 'A', date: '2018-05-25T10:00:00Z', tags: '["..", "/"]' }, 'Body.')}`);
    const outcome = await built.build();
    expect(outcome.ok).toBe(false);
    expect(outcome.lines.join('\n')).toMatch(/stories\/a\.md:4:\d+ {2}error .*invalid-term/);
  });

  it('should refuse a story that is a symbolic link leading out of the stories folder', async () => {
    const built = await site(
      `-- secret.md --\n${story({ title: 'Secret', date: '2018-05-25T10:00:00Z' }, 'Private.')}-- stories/a.md --\n${story({ title: 'A', date: '2018-05-25T10:00:00Z' }, 'Body.')}`,
    );
    await symlink(path.join(built.dir, 'secret.md'), path.join(built.dir, 'stories/leak.md'));
    await writeFile(path.join(built.dir, 'stories/b.md'), story({ title: 'B', date: '2018-05-26T10:00:00Z' }, 'Body.'));
    const outcome = await built.build();
    expect(outcome.lines.join('\n')).toMatch(/stories\/leak\.md:1:1 {2}error .*symbolic link/);
    expect(outcome.ok).toBe(false);
  });
});
