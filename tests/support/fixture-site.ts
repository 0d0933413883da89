import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { build, type BuildOutcome } from '../../src/commands/build.js';
import { memoryLogger } from '../../src/report/logger.js';
import { afterEach } from 'vitest';

/** A site made from an inline multi-file fixture in a fresh temporary folder. */
export interface FixtureSite {
  readonly dir: string;
  /** Build it (`stories/` → `dist/`), silently; `lines` holds what the build printed. */
  build(options?: { baseUrl?: string; out?: string; keepGoing?: boolean; now?: number }): Promise<BuildOutcome & { lines: string[] }>;
  /** Read a file of the built site (`dist/…`), `…/` meaning `…/index.html`. */
  read(sitePath: string): Promise<string>;
  /** Every file of the built site, relative to `dist/`, sorted. */
  files(): Promise<string[]>;
  /** Write (or replace) a file of the fixture. */
  write(file: string, text: string): Promise<void>;
  remove(): Promise<void>;
}

/**
 * Parse Hugo-style inline fixtures: blocks that start with a `-- path --` line. Leading indentation
 * common to the whole fixture is removed, so fixtures can be indented in test files.
 */
export function parseFixture(text: string): Map<string, string> {
  const lines = text.replace(/^\n/, '').split('\n');
  const indent = Math.min(...lines.filter((line) => line.trim() !== '').map((line) => /^ */.exec(line)?.[0].length ?? 0));
  const files = new Map<string, string>();
  let current: string | undefined;
  let body: string[] = [];
  const flush = () => {
    if (current !== undefined) files.set(current, `${body.join('\n').replace(/\n+$/, '')}\n`);
  };
  for (const raw of lines) {
    const line = raw.slice(indent);
    const header = /^-- (.+) --$/.exec(line);
    if (header?.[1]) {
      flush();
      current = header[1];
      body = [];
    } else if (current !== undefined) {
      body.push(line);
    }
  }
  flush();
  return files;
}

/** Write an inline fixture into a new temporary folder. */
export async function fixtureSite(text: string): Promise<FixtureSite> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'wiredesk-'));
  const write = async (file: string, contents: string) => {
    const target = path.join(dir, file);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, contents);
  };
  for (const [file, contents] of parseFixture(text)) await write(file, contents);
  await mkdir(path.join(dir, 'stories'), { recursive: true });
  return {
    dir,
    write,
    async build(options = {}) {
      const logger = memoryLogger();
      const outcome = await build({ cwd: dir, logger, baseUrl: options.baseUrl, out: options.out, keepGoing: options.keepGoing, now: options.now });
      return { ...outcome, lines: logger.lines };
    },
    read: (sitePath) => readFile(path.join(dir, 'dist', sitePath.endsWith('/') || sitePath === '' ? `${sitePath}index.html` : sitePath), 'utf8'),
    async files() {
      const entries = await readdir(path.join(dir, 'dist'), { recursive: true, withFileTypes: true });
      return entries
        .filter((entry) => entry.isFile())
        .map((entry) => path.relative(path.join(dir, 'dist'), path.join(entry.parentPath, entry.name)))
        .sort();
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

/**
 * For a test file: a function making fixture sites that are all removed after each test
 * (`const site = siteMaker();` at the top, then `await site('-- stories/a.md --…')`).
 */
export function siteMaker(): (text: string) => Promise<FixtureSite> {
  const sites: FixtureSite[] = [];
  afterEach(async () => {
    await Promise.all(sites.splice(0).map((made) => made.remove()));
  });
  return async (text) => {
    const made = await fixtureSite(text);
    sites.push(made);
    return made;
  };
}

/**
 * One story as an inline fixture block (`-- stories/<id>.md --`): headline `Story <ID>`, dated
 * 2018-05-<day> 10:00 Moscow time, with `extra` front-matter lines and a body.
 */
export function fixtureStory(id: string, day: number, extra = '', body = `Body of ${id}.`): string {
  return `
-- stories/${id}.md --
---
title: Story ${id.toUpperCase()}
date: 2018-05-${String(day).padStart(2, '0')}T10:00:00+03:00
${extra}
---

${body}
`;
}
