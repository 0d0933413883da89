import { execFileSync } from 'node:child_process';
import { rm, utimes } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureStory, siteMaker } from '../support/fixture-site.js';

const site = siteMaker();

describe('files named like stories that are not read as stories', () => {
  it('should warn of each on every build, the no-change rebuild included, until it is gone', async () => {
    const built = await site(`${fixtureStory('a', 20)}\n-- stories/LOUD.MD --\n---\ntitle: Loud\ndate: 2018-05-21T10:00:00+03:00\n---\n\nBody.\n`);
    const longAgo = new Date('2020-01-01T00:00:00Z');
    await utimes(path.join(built.dir, 'stories/a.md'), longAgo, longAgo);
    const loud = 'stories/LOUD.MD:1:1  warning  Not a story: only names ending in ".md", in lower case, are stories; expected "LOUD.md" (rename the file)  skipped-file';
    const first = await built.build();
    expect(first.ok).toBe(true);
    expect(first.lines.join('\n')).toContain(loud);
    expect((await built.build()).lines.join('\n')).toContain(loud);

    // A named pipe that appears between two builds of the same stories is reported too.
    execFileSync('mkfifo', [path.join(built.dir, 'stories/wire.md')]);
    const piped = (await built.build()).lines.join('\n');
    expect(piped).toContain('stories/wire.md:1:1  warning  Not a story: a named pipe is not a file to read; expected a regular file  skipped-file');
    expect(piped).toContain(loud);

    await rm(path.join(built.dir, 'stories/wire.md'));
    await rm(path.join(built.dir, 'stories/LOUD.MD'));
    expect((await built.build()).lines.join('\n')).not.toContain('skipped-file');
  });
});
