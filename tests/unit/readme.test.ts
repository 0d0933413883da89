import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { knownFields } from '../../src/model/front-matter.js';
import { rules } from '../../src/report/rules.js';

const readme = () => readFile(path.resolve(import.meta.dirname, '../../README.md'), 'utf8');

describe('the README', () => {
  it('should list every rule of the catalogue with its severity and summary', async () => {
    const text = await readme();
    const table = text.slice(text.indexOf('<!-- rules:start -->'), text.indexOf('<!-- rules:end -->'));
    const rows = Object.entries(rules).map(([id, rule]) => `| \`${id}\` | ${rule.severity} | ${rule.summary} |`);
    for (const row of rows) expect(table).toContain(row);
    expect(table.split('\n').filter((line) => line.startsWith('| `'))).toHaveLength(rows.length);
  });

  it('should document every front-matter field', async () => {
    const text = await readme();
    for (const field of knownFields) expect(text).toContain(`| \`${field}\` |`);
  });

  it('should give the two-command quick start', async () => {
    const text = await readme();
    expect(text).toContain('npm install && npm run build');
    expect(text).toContain('npm test');
  });
});
