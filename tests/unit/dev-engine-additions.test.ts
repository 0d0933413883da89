import { rm } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateCorpus, writeCorpus, type CorpusFile } from '../../bench/corpus.js';
import { createDevEngine, type DevEngine, type RebuildReport } from '../../src/dev/engine.js';
import { fixtureSite, type FixtureSite } from '../support/fixture-site.js';

const html = (engine: DevEngine, sitePath: string) => {
  const served = engine.lookup(sitePath);
  return served?.kind === 'bytes' ? String(served.body) : undefined;
};

/** One change to the stories folder: files written (with their text) or deleted (`undefined`). */
type Change = readonly (readonly [source: string, text: string | undefined])[];

/**
 * Apply each change to two copies of a 55-story site, one previewed incrementally (every page of it
 * served before each change, so a page a change touches and the report leaves out would be served
 * stale), the other resolved in full every time; expect the same reports and, at the end, the same bytes.
 */
async function compareWithFullResolves(changes: readonly Change[], expectedPaths: readonly RebuildReport['path'][]): Promise<void> {
  const corpus = generateCorpus({ stories: 60, seed: 3 });
  const incremental = await fixtureSite('-- site.yaml --\npageSize: 7\n');
  const full = await fixtureSite('-- site.yaml --\npageSize: 7\n');
  try {
    for (const site of [incremental, full]) await writeCorpus(site.dir, corpus.slice(0, 55));
    const engines = [await createDevEngine({ cwd: incremental.dir }), await createDevEngine({ cwd: full.dir, incremental: false })] as const;
    const seen = new Set(engines[1].initial.changed);
    const paths: RebuildReport['path'][] = [];
    for (const change of changes) {
      for (const sitePath of seen) html(engines[0], sitePath);
      const reports: RebuildReport[] = [];
      for (const [site, engine] of [
        [incremental, engines[0]],
        [full, engines[1]],
      ] as const) {
        for (const [source, text] of change) {
          if (text === undefined) await rm(path.join(site.dir, 'stories', source));
          else await site.write(`stories/${source}`, text);
        }
        reports.push(await engine.update(change.map(([source]) => path.join(site.dir, 'stories', source))));
      }
      paths.push(reports[0]?.path ?? 'unchanged');
      expect(reports[1]?.path).toBe('full');
      expect(reports[0]?.messages).toEqual(reports[1]?.messages);
      expect([...(reports[0]?.changed ?? [])].sort()).toEqual([...(reports[1]?.changed ?? [])].sort());
      expect([...(reports[0]?.removed ?? [])].sort()).toEqual([...(reports[1]?.removed ?? [])].sort());
      for (const sitePath of reports[1]?.changed ?? []) seen.add(sitePath);
    }
    expect(paths).toEqual(expectedPaths);
    for (const sitePath of seen) expect(html(engines[0], sitePath), sitePath).toBe(html(engines[1], sitePath));
  } finally {
    await incremental.remove();
    await full.remove();
  }
}

const corpus = generateCorpus({ stories: 60, seed: 3 });
const pick = (index: number) => corpus[index] as CorpusFile;
const written = (file: CorpusFile, text = file.text) => [file.source, text] as const;

describe('the dev engine extends the last resolution when stories are added', () => {
  it('should give the same pages, byte for byte, as resolving the whole site again', async () => {
    // Dated among the older stories, sharing their tags: their computed related stories may change.
    const backdated = written(pick(58), pick(58).text.replace(/^date: .*$/m, 'date: 2016-06-01T09:00:00+03:00'));
    await compareWithFullResolves([[written(pick(55))], [written(pick(56)), written(pick(57))], [backdated], [written(pick(59))]], ['extended', 'extended', 'extended', 'extended']);
  });
});

describe('the dev engine resolving the site again', () => {
  it('should re-render exactly the pages whose output changed when stories are retagged, redated or deleted', async () => {
    const retagged = written(pick(30), pick(30).text.replace(/^tags: \[/m, 'tags: [brand-new-tag, '));
    const redated = written(pick(40), pick(40).text.replace(/^date: .*$/m, 'date: 2019-01-01T09:00:00+03:00'));
    await compareWithFullResolves(
      [[retagged], [redated], [[pick(54).source, undefined]], [written(pick(12), pick(12).text.replace(/^tags: \[/m, 'tags: [brand-new-tag, '))]],
      ['full', 'full', 'full', 'full'],
    );
  });
});

describe('the dev engine extending the last resolution', () => {
  describe('resolves the whole site where a build would', () => {
    const story = (id: string, day: number, extra = '') => `---\ntitle: Story ${id.toUpperCase()}\ndate: 2018-05-0${day}T10:00:00Z\ntags: [Japan]\n---\n\nLead of ${id}.${extra}\n`;
    let fixture: FixtureSite;
    const add = async (engine: DevEngine, id: string, text: string) => {
      await fixture.write(`stories/${id}.md`, text);
      return engine.update([path.join(fixture.dir, 'stories', `${id}.md`)]);
    };
    const start = async () => {
      fixture = await fixtureSite(`-- stories/a.md --\n${story('a', 1)}-- stories/b.md --\n${story('b', 2)}`);
      return createDevEngine({ cwd: fixture.dir });
    };

    it('should extend it with a story that links an existing one', async () => {
      try {
        const engine = await start();
        expect((await add(engine, 'c', story('c', 3, '\n\nREAD MORE: [](a.md)'))).path).toBe('extended');
        expect(html(engine, '2018/05/01/a/')).toContain('Story A');
      } finally {
        await fixture.remove();
      }
    });

    it('should resolve the site when an added story links one that does not exist', async () => {
      try {
        const engine = await start();
        const report = await add(engine, 'c', story('c', 3, '\n\nREAD MORE: [](gone.md)'));
        expect(report.path).toBe('full');
        expect(report.messages.map((message) => message.ruleId)).toContain('dangling-reference');
      } finally {
        await fixture.remove();
      }
    });

    it('should resolve the site when the last resolution left a broken story out', async () => {
      try {
        const engine = await start();
        expect((await add(engine, 'x', '---\ntitle: Broken\n---\n\nNo date.\n')).path).toBe('full');
        expect((await add(engine, 'c', story('c', 3))).path).toBe('full');
      } finally {
        await fixture.remove();
      }
    });
  });
});
