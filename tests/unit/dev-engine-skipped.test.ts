import { execFileSync } from 'node:child_process';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDevEngine, type DevEngine, type RebuildReport } from '../../src/dev/engine.js';
import { fixtureSite, type FixtureSite } from '../support/fixture-site.js';

const story = (id: string, day: number, body = `Lead of ${id}.`) => `---\ntitle: Story ${id.toUpperCase()}\ndate: 2018-05-0${day}T10:00:00Z\n---\n\n${body}\n`;

const loud = 'stories/LOUD.MD:1:1: Not a story: only names ending in ".md", in lower case, are stories; expected "LOUD.md" (rename the file)';
const piped = (file: string) => `${file}:1:1: Not a story: a named pipe is not a file to read; expected a regular file`;

/** The `skipped-file` warnings of a report, as `file:line:column: reason`. */
const skipped = (report: RebuildReport) =>
  report.messages
    .filter((message) => message.ruleId === 'skipped-file')
    .map((message) => `${message.file}:${message.line}:${message.column}: ${message.reason}`)
    .sort();

// A named pipe, device or socket named like a story, or a story whose `.md` is not in lower case,
// is not read: `build` warns of each, and so does the preview, on its first build and as such files
// come and go, without resolving the site again for them (edits stay on the light path).
describe('the dev engine warns of files it skips in the stories folder', () => {
  let fixture: FixtureSite;
  let engine: DevEngine;
  const file = (name: string) => path.join(fixture.dir, 'stories', name);
  const fifo = (name: string) => execFileSync('mkfifo', [file(name)]);

  beforeEach(async () => {
    fixture = await fixtureSite(`-- stories/a.md --\n${story('a', 1)}-- stories/b.md --\n${story('b', 2)}-- stories/LOUD.MD --\n${story('c', 3)}`);
    await mkdir(file('wire'));
    fifo('wire/pipe.md');
    engine = await createDevEngine({ cwd: fixture.dir });
  });
  afterEach(() => fixture.remove());

  it('should warn of each skipped file on the first build, as a warning', () => {
    expect(engine.initial.ok).toBe(true);
    expect(skipped(engine.initial)).toEqual([loud, piped('stories/wire/pipe.md')]);
    expect(engine.initial.messages.filter((message) => message.ruleId === 'skipped-file').every((message) => message.fatal === false)).toBe(true);
  });

  it('should keep the warnings, and the light path, when a story is edited', async () => {
    await fixture.write('stories/a.md', story('a', 1, 'A new lead of a.'));
    const report = await engine.update([file('a.md')]);
    expect(report.path).toBe('light');
    expect(skipped(report)).toEqual([loud, piped('stories/wire/pipe.md')]);
  });

  it('should warn of a named pipe that appears, without resolving the site again', async () => {
    fifo('late.md');
    const report = await engine.update([file('late.md')]);
    expect(report.path).toBe('light');
    expect(report.changed).toEqual([]);
    expect(skipped(report)).toEqual([loud, piped('stories/late.md'), piped('stories/wire/pipe.md')]);
    await rm(file('late.md'));
    const gone = await engine.update([file('late.md')]);
    expect(gone.path).toBe('light');
    expect(skipped(gone)).toEqual([loud, piped('stories/wire/pipe.md')]);
  });

  it('should warn of a named pipe put in the place of a story, and resolve the site without that story', async () => {
    await rm(file('b.md'));
    fifo('b.md');
    const report = await engine.update([file('b.md')]);
    expect(report.ok).toBe(true);
    expect(report.removed).toContain('2018/05/02/b/');
    expect(skipped(report)).toEqual([loud, piped('stories/b.md'), piped('stories/wire/pipe.md')]);
  });

  it('should forget the warnings of a folder that is removed', async () => {
    await rm(file('wire'), { recursive: true });
    const report = await engine.update([file('wire')]);
    expect(report.path).not.toBe('unchanged');
    expect(skipped(report)).toEqual([loud]);
  });
});
