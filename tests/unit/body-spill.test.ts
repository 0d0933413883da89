import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { h } from 'hastscript';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openBodySpill } from '../../src/store/body-spill.js';
import { serializeBody } from '../../src/model/body-html.js';
import { storyFixture } from '../support/view-fixtures.js';

describe('openBodySpill', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'wiredesk-spill-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('should give back the bytes of each body from the file, every time they are read, until closed', () => {
    const file = path.join(dir, 'bodies.spill');
    const spill = openBodySpill(file);
    const articles = ['«Первая» – one', 'second 日本', 'third'].map((text, index) => storyFixture(`s${index}`, { body: serializeBody({ type: 'root', children: [h('p', text)] }, undefined) }));
    const spilled = articles.map((article) => spill.spill(article));
    for (const [index, article] of spilled.entries()) {
      expect(article.body.bytes).toEqual(articles[index]?.body.bytes);
      expect(structuredClone(article.body).bytes).toEqual(articles[index]?.body.bytes);
    }
    expect(existsSync(file)).toBe(true);
    spill.close();
    expect(existsSync(file)).toBe(false);
    expect(() => spilled[0]?.body.bytes).toThrow('after the build finished');
  });

  it('should never write through a link named as the spill file', async () => {
    const file = path.join(dir, 'bodies.spill');
    const elsewhere = path.join(dir, 'elsewhere.txt');
    await writeFile(elsewhere, 'not to be touched');
    await symlink(elsewhere, file);
    const spill = openBodySpill(file);
    spill.spill(storyFixture('s0', { body: serializeBody({ type: 'root', children: [h('p', 'body')] }, undefined) }));
    spill.close();
    expect(await readFile(elsewhere, 'utf8')).toBe('not to be touched');
  });
});
