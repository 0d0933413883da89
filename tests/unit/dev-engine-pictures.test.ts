import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDevEngine, type DevEngine, type RebuildReport } from '../../src/dev/engine.js';
import { fixtureSite, type FixtureSite } from '../support/fixture-site.js';

const story = (id: string, day: number, frontMatter = '') => `---\ntitle: Story ${id.toUpperCase()}\ndate: 2018-05-0${day}T10:00:00Z\n${frontMatter}---\n\nLead of ${id}.\n`;

/** The files a report names with a `missing-image` error. */
const missingImages = (report: RebuildReport) => report.messages.filter((message) => message.ruleId === 'missing-image').map((message) => message.file);

// A story's lead image is checked against the pictures of the stories folder: when a picture comes
// or goes, the preview reads again and models again the stories that name one, as a build would.
describe('the dev engine follows the pictures its stories name', () => {
  let fixture: FixtureSite;
  let engine: DevEngine;
  const picture = () => path.join(fixture.dir, 'stories/pic.jpg');

  beforeEach(async () => {
    fixture = await fixtureSite(`-- site.yaml --\ntitle: Desk\n-- stories/a.md --\n${story('a', 1, 'image: {src: pic.jpg, alt: A picture}\n')}-- stories/b.md --\n${story('b', 2)}`);
    engine = await createDevEngine({ cwd: fixture.dir });
  });
  afterEach(() => fixture.remove());

  it('should report a missing picture, serve the story once it arrives, and report it again once it is gone', async () => {
    expect(missingImages(engine.initial)).toEqual(['stories/a.md']);
    expect(engine.lookup('2018/05/01/a/')).toBeUndefined();

    await writeFile(picture(), 'JPEG');
    const arrived = await engine.update([picture()]);
    expect(missingImages(arrived)).toEqual([]);
    expect(engine.lookup('2018/05/01/a/')).toBeDefined();

    await rm(picture());
    const gone = await engine.update([picture()]);
    expect(missingImages(gone)).toEqual(['stories/a.md']);
  });
});
