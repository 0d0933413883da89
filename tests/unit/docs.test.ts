import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importRules } from '../../src/import/imported-story.js';
import { knownFields } from '../../src/model/front-matter.js';
import { rules } from '../../src/report/rules.js';
import { configSchema } from '../../src/config.js';

const root = path.resolve(import.meta.dirname, '../..');
const read = (file: string) => readFile(path.join(root, file), 'utf8');

/** The text between `<!-- name:start -->` and `<!-- name:end -->`. */
function between(text: string, name: string): string {
  const start = text.indexOf(`<!-- ${name}:start -->`);
  const end = text.indexOf(`<!-- ${name}:end -->`);
  expect(start, `${name}:start marker`).toBeGreaterThanOrEqual(0);
  expect(end, `${name}:end marker`).toBeGreaterThan(start);
  return text.slice(start, end);
}

const tableRows = (table: string) => table.split('\n').filter((line) => line.startsWith('| `'));

describe('the README', () => {
  it('should give the two-command quick start', async () => {
    const text = await read('README.md');
    expect(text).toContain('npm install && npm run build');
    expect(text).toContain('npm test');
  });

  it('should stay at most 300 lines long', async () => {
    const text = await read('README.md');
    expect(text.trimEnd().split('\n').length).toBeLessThanOrEqual(300);
  });
});

describe('the rule catalogue in docs/rules.md', () => {
  it('should list every build rule with its severity and summary', async () => {
    const table = between(await read('docs/rules.md'), 'rules');
    const rows = Object.entries(rules).map(([id, rule]) => `| \`${id}\` | ${rule.severity} | ${rule.summary} |`);
    for (const row of rows) expect(table).toContain(row);
    expect(tableRows(table)).toHaveLength(rows.length);
  });

  it('should list every import rule with its severity', async () => {
    const table = between(await read('docs/rules.md'), 'import-rules');
    const rows = Object.entries(importRules).map(([id, severity]) => `| \`${id}\` | ${severity} | `);
    for (const row of rows) expect(table).toContain(row);
    expect(tableRows(table)).toHaveLength(rows.length);
  });
});

describe('docs/stories.md', () => {
  it('should document every front-matter field', async () => {
    const text = await read('docs/stories.md');
    for (const field of knownFields) expect(text).toContain(`| \`${field}\` |`);
  });
});

describe('docs/configuration.md', () => {
  it('should name every setting of site.yaml in its tables', async () => {
    const text = await readFile(path.join(root, 'docs/configuration.md'), 'utf8');
    const rows = new Set([...text.matchAll(/^\| `([a-zA-Z]+)` \|/gm)].map((match) => match[1]));
    expect(Object.keys(configSchema.shape).filter((setting) => !rows.has(setting))).toEqual([]);
  });
});
