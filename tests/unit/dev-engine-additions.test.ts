import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateCorpus, writeCorpus, type CorpusFile } from '../../bench/corpus.js';
import { createDevEngine, type DevEngine, type RebuildReport } from '../../src/dev/engine.js';
import { fixtureSite, type FixtureSite } from '../support/fixture-site.js';

const html = (engine: DevEngine, sitePath: string) => {
  const served = engine.lookup(sitePath);
  return served?.kind === 'bytes' ? String(served.body) : undefined;
};

describe('the dev engine extends the last resolution when stories are added', () => {
  it('should give the same pages, byte for byte, as resolving the whole site again', async () => {
    const corpus = generateCorpus({ stories: 60, seed: 3 });
    const extended = await fixtureSite('-- site.yaml --\npageSize: 7\n');
    const full = await fixtureSite('-- site.yaml --\npageSize: 7\n');
    try {
      for (const site of [extended, full]) await writeCorpus(site.dir, corpus.slice(0, 55));
      const engines = [await createDevEngine({ cwd: extended.dir }), await createDevEngine({ cwd: full.dir, incremental: false })] as const;
      const pick = (index: number) => corpus[index] as CorpusFile;
      // Dated among the older stories, sharing their tags: their computed related stories change.
      const older = pick(58);
      const backdated = { source: older.source, text: older.text.replace(/^date: .*$/m, 'date: 2016-06-01T09:00:00+03:00') };
      const additions: CorpusFile[][] = [[pick(55)], [pick(56), pick(57)], [backdated], [pick(59)]];
      const seen = new Set(engines[1].initial.changed);
      for (const files of additions) {
        const reports: RebuildReport[] = [];
        for (const [site, engine] of [[extended, engines[0]], [full, engines[1]]] as const) {
          for (const file of files) await site.write(`stories/${file.source}`, file.text);
          reports.push(await engine.update(files.map((file) => path.join(site.dir, 'stories', file.source))));
        }
        expect(reports.map((report) => report.path)).toEqual(['extended', 'full']);
        expect(reports[0]?.messages).toEqual(reports[1]?.messages);
        expect([...(reports[0]?.changed ?? [])].sort()).toEqual([...(reports[1]?.changed ?? [])].sort());
        expect(reports[0]?.removed).toEqual(reports[1]?.removed);
        for (const sitePath of reports[1]?.changed ?? []) seen.add(sitePath);
      }
      for (const sitePath of seen) expect(html(engines[0], sitePath), sitePath).toBe(html(engines[1], sitePath));
    } finally {
      await extended.remove();
      await full.remove();
    }
  });

  describe('and resolves the whole site where a build would', () => {
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
