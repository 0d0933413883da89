import { mkdir, rename, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDevEngine, type DevEngine } from '../../src/dev/engine.js';
import { fixtureSite, type FixtureSite } from '../support/fixture-site.js';

const story = (file: string, title: string, frontMatter = '') => `-- stories/${file} --\n---\ntitle: ${title}\ndate: 2018-05-01T10:00:00Z\n${frontMatter}---\n\nLead of ${title}.\n`;

/** The text of a page the engine serves, or undefined when it serves none there. */
function pageText(engine: DevEngine, sitePath: string): string | undefined {
  const served = engine.lookup(sitePath);
  if (served?.kind !== 'bytes') return undefined;
  return typeof served.body === 'string' ? served.body : new TextDecoder().decode(served.body);
}

describe('the dev engine never reads through a folder swapped for a link while it runs', () => {
  let fixture: FixtureSite;
  let engine: DevEngine;

  beforeEach(async () => {
    fixture = await fixtureSite(['-- site.yaml --\ntitle: Desk\n', story('desk/a.md', 'Inside headline', 'image: {src: pic.jpg, alt: A picture}\n'), '-- stories/desk/pic.jpg --\nJPEG\n'].join(''));
    engine = await createDevEngine({ cwd: fixture.dir });
    expect(engine.initial.ok).toBe(true);
    await mkdir(path.join(fixture.dir, 'outside'));
    await writeFile(path.join(fixture.dir, 'outside/a.md'), '---\ntitle: SECRET OUTSIDE\ndate: 2018-05-01T10:00:00Z\nimage: {src: pic.jpg, alt: A picture}\n---\n\nSecret body.\n');
    await writeFile(path.join(fixture.dir, 'outside/pic.jpg'), 'SECRET PICTURE');
  });
  afterEach(() => fixture.remove());

  it('should refuse a story below a folder that became a link, and link no picture from behind it', async () => {
    await rename(path.join(fixture.dir, 'stories/desk'), path.join(fixture.dir, 'desk-moved'));
    await symlink(path.join(fixture.dir, 'outside'), path.join(fixture.dir, 'stories/desk'));
    const report = await engine.update([path.join(fixture.dir, 'stories/desk/a.md'), path.join(fixture.dir, 'stories/desk/pic.jpg')]);
    expect(report.messages.map((message) => message.ruleId)).toContain('unreadable-file');
    const home = pageText(engine, '/') ?? '';
    expect(home).not.toContain('SECRET');
    expect(engine.lookup('/media/desk/pic.jpg')).toBeUndefined();
  });

  it('should refuse every story once the stories folder itself became a link', async () => {
    await rename(path.join(fixture.dir, 'stories'), path.join(fixture.dir, 'stories-moved'));
    await mkdir(path.join(fixture.dir, 'outside/desk'));
    await rename(path.join(fixture.dir, 'outside/a.md'), path.join(fixture.dir, 'outside/desk/a.md'));
    await symlink(path.join(fixture.dir, 'outside'), path.join(fixture.dir, 'stories'));
    const report = await engine.update([path.join(fixture.dir, 'stories/desk/a.md')]);
    expect(report.messages.map((message) => message.ruleId)).toContain('unreadable-file');
    expect(pageText(engine, '/') ?? '').not.toContain('SECRET');
  });
});
