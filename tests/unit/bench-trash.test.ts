import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { moveToBenchTrash, retireScratchDir, scratchDir } from '../../bench/process-stats.js';

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function work(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wiredesk-trash-test-'));
  made.push(dir);
  return dir;
}

/** The item of a bench trash (a `wiredesk-bench-trash-` folder) that holds `relative`, if any. */
function trashHolding(relative: string): string | undefined {
  for (const entry of readdirSync(os.tmpdir())) {
    if (!entry.startsWith('wiredesk-bench-trash-')) continue;
    const trash = path.join(os.tmpdir(), entry);
    for (const item of readdirSync(trash)) if (existsSync(path.join(trash, item, relative))) return path.join(trash, item);
  }
  return undefined;
}

describe('bench trash', () => {
  it('should move a folder and its files aside instead of deleting them', async () => {
    const dir = work();
    const out = path.join(dir, 'out');
    mkdirSync(path.join(out, 'deep'), { recursive: true });
    const marker = `marker-${process.pid}-${Date.now()}.html`;
    writeFileSync(path.join(out, 'deep', marker), 'page');
    await moveToBenchTrash(out);
    expect(existsSync(out)).toBe(false);
    expect(trashHolding(path.join('deep', marker))).toBeDefined();
  });

  it('should move a symbolic link itself, leaving what it points to in place', async () => {
    const dir = work();
    const target = path.join(dir, 'tree');
    mkdirSync(target);
    writeFileSync(path.join(target, 'index.html'), 'page');
    const link = path.join(dir, 'dist');
    symlinkSync('tree', link);
    await moveToBenchTrash(link);
    expect(() => lstatSync(link)).toThrow();
    expect(existsSync(path.join(target, 'index.html'))).toBe(true);
  });

  it('should do nothing for a path that is not there', async () => {
    const dir = work();
    await expect(moveToBenchTrash(path.join(dir, 'missing'))).resolves.toBeUndefined();
  });

  it('should retire a scratch folder into the trash with everything in it', async () => {
    const dir = await scratchDir('wiredesk-retire-test-');
    writeFileSync(path.join(dir, 'story.md'), 'text');
    await retireScratchDir(dir);
    expect(existsSync(dir)).toBe(false);
    expect(trashHolding('story.md')).toBeDefined();
  });
});
