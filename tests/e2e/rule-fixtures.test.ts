import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/commands/build.js';
import { formatReport } from '../../src/report/format.js';
import { memoryLogger } from '../../src/report/logger.js';
import { rules, type RuleId } from '../../src/report/rules.js';

const fixtures = path.resolve(import.meta.dirname, '../fixtures');
const update = process.env.UPDATE_GOLDEN === '1';

describe('the rule catalogue', () => {
  for (const id of Object.keys(rules) as RuleId[]) {
    it(`should report ${id} exactly as its golden fixture says`, async () => {
      const dir = path.join(fixtures, id);
      expect(existsSync(dir), `every rule needs a fixture folder: tests/fixtures/${id}`).toBe(true);
      const out = await mkdtemp(path.join(os.tmpdir(), 'wiredesk-golden-'));
      try {
        const outcome = await build({ cwd: dir, out, logger: memoryLogger() });
        const report = `${formatReport(outcome.messages)}\n`;
        const goldenFile = path.join(dir, 'expected.txt');
        if (update) await writeFile(goldenFile, report);
        expect(report).toBe(await readFile(goldenFile, 'utf8'));
        expect(outcome.messages.map((message) => message.ruleId)).toContain(id);
        // A warning's fixture builds, unless the warning is about another story's error (`reference-to-broken-story`).
        const othersFatal = outcome.messages.some((message) => message.fatal === true && message.ruleId !== id);
        expect(outcome.ok).toBe(rules[id].severity === 'warning' && !othersFatal);
      } finally {
        await rm(out, { recursive: true, force: true });
      }
    });
  }
});
