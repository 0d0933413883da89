import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { generateCorpus, writeCorpus } from './corpus.js';

// The cost of the lead pictures: cold builds of one generated corpus with and without a real
// JPEG for every tenth story (each its own picture, 2,000 × 1,333 of noise: a camera's worst case
// for the encoders), then a rebuild after one story is edited, whose pictures all come from the
// cache. Run: `npm run compile && node lib/bench/picture-speed.js [stories]`.

const run = promisify(execFile);
const bin = path.resolve(import.meta.dirname, '../../bin/wiredesk.js');

/** One timed build with the real CLI in `dir`: its wall time and the pictures it resized (from its manifest). */
async function timedBuild(dir: string, args: readonly string[] = []): Promise<{ readonly ms: number; readonly resized: number }> {
  const started = performance.now();
  await run(process.execPath, [bin, 'build', ...args], { cwd: dir });
  const ms = Math.round(performance.now() - started);
  const manifest = JSON.parse(await readFile(path.join(dir, '.wiredesk-cache/manifest.json'), 'utf8')) as { work?: { picturesResized?: number } };
  return { ms, resized: manifest.work?.picturesResized ?? 0 };
}

async function main(stories: number): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'wiredesk-pictures-'));
  try {
    const files = generateCorpus({ stories });
    await writeCorpus(dir, files);
    await writeFile(path.join(dir, 'site.yaml'), 'title: Pictures\nbaseUrl: https://example.org/\nsearch: false\n');
    const without = await timedBuild(dir);
    await rm(path.join(dir, '.wiredesk-cache'), { recursive: true, force: true });
    let pictures = 0;
    for (const [index, file] of files.entries()) {
      if (index % 10 !== 0) continue;
      const picture = `${path.posix.basename(file.source, '.md')}.jpg`;
      const bytes = await sharp({ create: { width: 2000, height: 1333, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 20 + (index % 30) } } })
        .jpeg({ quality: 90 })
        .toBuffer();
      await writeFile(path.join(dir, 'stories', path.posix.dirname(file.source), picture), bytes);
      // A story with a caption and credit already gets its picture there; another, a new `image`.
      const text = file.text.includes('\nimage: {') ? file.text.replace('\nimage: {', `\nimage: {src: ${picture}, `) : file.text.replace(/^---\n/, `---\nimage: {src: ${picture}, alt: A picture}\n`);
      await writeFile(path.join(dir, 'stories', file.source), text);
      pictures++;
    }
    const cold = await timedBuild(dir);
    const first = files[1];
    if (first) await writeFile(path.join(dir, 'stories', first.source), `${first.text}\nOne more paragraph.\n`);
    const edit = await timedBuild(dir);
    const clean = await timedBuild(dir, ['--no-cache', '--out', 'clean']);
    console.log(`${stories} stories, ${pictures} pictures of 2,000 × 1,333 (search off):`);
    console.log(`  cold build without pictures  ${without.ms} ms`);
    console.log(`  cold build with pictures     ${cold.ms} ms (${cold.resized} resized)`);
    console.log(`  one story edited             ${edit.ms} ms (${edit.resized} resized)`);
    console.log(`  --no-cache build             ${clean.ms} ms`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main(Number(process.argv[2] ?? 1000));
