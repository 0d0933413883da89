import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BuildManifest } from '../../src/deploy/manifest.js';
import { cacheControl } from '../../src/pages/headers-page.js';
import { cliOutcome } from '../support/cli-build.js';
import { fixtureStory, siteMaker } from '../support/fixture-site.js';

const site = siteMaker();

/** A deploy command that keeps what it was handed: the manifest, the output folder and the manifest file's path. */
const recordingDeploy = `deploy: 'cp "$WIREDESK_MANIFEST" deployed.json && printf "%s\\n%s" "$WIREDESK_OUT" "$WIREDESK_MANIFEST" > told.txt && echo "uploading from the deploy command"'`;

const stories = fixtureStory('a', 1, 'tags: [Japan]') + fixtureStory('b', 2, 'tags: [Japan]');

async function deployed(dir: string): Promise<BuildManifest> {
  const manifest = JSON.parse(await readFile(path.join(dir, 'deployed.json'), 'utf8')) as BuildManifest;
  await rm(path.join(dir, 'deployed.json'));
  return manifest;
}

describe('the deploy command', () => {
  it('should run after a build that changed the output, told the output folder and the manifest, its output on the terminal', async () => {
    const built = await site(`-- site.yaml --\n${recordingDeploy}\n${stories}`);
    const first = await cliOutcome(built.dir, ['build']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('Deploying: cp "$WIREDESK_MANIFEST"');
    expect(first.stdout).toContain('uploading from the deploy command');
    const manifest = await deployed(built.dir);
    expect(manifest.added).toEqual(expect.arrayContaining(['index.html', '2018/05/01/a/index.html', 'tags/japan/feed.xml']));
    expect([manifest.changed, manifest.removed]).toEqual([[], []]);
    const [out, manifestFile = ''] = (await readFile(path.join(built.dir, 'told.txt'), 'utf8')).split('\n');
    expect(out).toBe(path.join(built.dir, 'dist'));
    // The manifest file is the command's while it runs, and gone after.
    expect(existsSync(manifestFile)).toBe(false);

    const unchanged = await cliOutcome(built.dir, ['build']);
    expect(unchanged.code).toBe(0);
    expect(unchanged.stdout).not.toContain('Deploying');
    expect(existsSync(path.join(built.dir, 'deployed.json'))).toBe(false);

    await built.write('stories/b.md', fixtureStory('b', 2, 'tags: [Japan]', 'A corrected body.').replace(/^\n-- stories\/b\.md --\n/, ''));
    const edited = await cliOutcome(built.dir, ['build']);
    expect(edited.code, edited.stderr).toBe(0);
    const after = await deployed(built.dir);
    expect(after.changed).toContain('2018/05/02/b/index.html');
    expect(after.changed).not.toContain('2018/05/01/a/index.html');
    // Only the search index's files, named by their contents, are new.
    expect(after.added.filter((file) => !file.startsWith('pagefind/'))).toEqual([]);
  });

  it('should fail the build with exit code 4 and one line when the command fails, and hand its files to the next deploy', async () => {
    const built = await site(`-- site.yaml --\ndeploy: 'echo "no route to the bucket" >&2; exit 7'\n${stories}`);
    const failed = await cliOutcome(built.dir, ['build']);
    expect(failed.code).toBe(4);
    expect(failed.stderr).toContain('no route to the bucket');
    expect(failed.stderr.split('\n').filter((line) => line.startsWith('The site is published'))).toEqual([
      'The site is published in "dist", but the deploy command failed (exit code 7); the next build hands it these files again',
    ]);
    expect(await built.read('2018/05/01/a/')).toContain('Story A');

    // The deploy command mended, nothing else changed: the files of the failed deploy are handed over.
    await built.write('site.yaml', `${recordingDeploy}\n`);
    const mended = await cliOutcome(built.dir, ['build']);
    expect(mended.code, mended.stderr).toBe(0);
    expect((await deployed(built.dir)).added).toEqual(expect.arrayContaining(['index.html', '2018/05/01/a/index.html']));
    const again = await cliOutcome(built.dir, ['build']);
    expect(again.stdout).not.toContain('Deploying');
  });

  it('should not run with --no-deploy, and hand that build’s changes to the next deploy', async () => {
    const built = await site(`-- site.yaml --\n${recordingDeploy}\n${stories}`);
    expect((await cliOutcome(built.dir, ['build'])).code).toBe(0);
    await deployed(built.dir);
    await built.write('stories/c.md', fixtureStory('c', 3, 'tags: [Japan]').replace(/^\n-- stories\/c\.md --\n/, ''));
    const skipped = await cliOutcome(built.dir, ['build', '--no-deploy']);
    expect(skipped.code, skipped.stderr).toBe(0);
    expect(skipped.stdout).not.toContain('Deploying');
    expect(existsSync(path.join(built.dir, 'deployed.json'))).toBe(false);
    const next = await cliOutcome(built.dir, ['build']);
    expect(next.code, next.stderr).toBe(0);
    const manifest = await deployed(built.dir);
    expect(manifest.added).toContain('2018/05/03/c/index.html');
    expect(manifest.changed).toContain('index.html');
  });

  it('should run after a --keep-going build that published the site without its broken stories', async () => {
    const built = await site(`-- site.yaml --\n${recordingDeploy}\n${stories}\n-- stories/broken.md --\n---\ntitle: Broken\n---\n\nNo date.\n`);
    const outcome = await cliOutcome(built.dir, ['build', '--keep-going']);
    expect(outcome.code).toBe(3);
    expect((await deployed(built.dir)).added).toContain('2018/05/01/a/index.html');
  });

  it('should not run after a build that failed', async () => {
    const built = await site(`-- site.yaml --\n${recordingDeploy}\n${stories}\n-- stories/broken.md --\n---\ntitle: Broken\n---\n\nNo date.\n`);
    const outcome = await cliOutcome(built.dir, ['build']);
    expect(outcome.code).toBe(1);
    expect(outcome.stdout).not.toContain('Deploying');
    expect(existsSync(path.join(built.dir, 'deployed.json'))).toBe(false);
  });
});

/** The `deploy.sh` of the S3 recipe in docs/deploying.md, as written there. */
async function documentedS3Script(): Promise<string> {
  const docs = await readFile(path.resolve(import.meta.dirname, '../../docs/deploying.md'), 'utf8');
  const script = /```sh\n(#!\/bin\/sh\n# deploy\.sh[\s\S]*?)```/.exec(docs)?.[1];
  if (script === undefined) throw new Error('docs/deploying.md has no deploy.sh block');
  return script;
}

describe('the S3 recipe of the docs', () => {
  it('should upload what changed with each file’s cache rule, assets before pages, then delete what was removed', async () => {
    const built = await site(`-- site.yaml --\ndeploy: sh deploy.sh\npageSize: 2\n${stories}${fixtureStory('c', 3, 'tags: [Japan]')}`);
    await writeFile(path.join(built.dir, 'deploy.sh'), await documentedS3Script());
    // A stand-in for the AWS CLI that logs each call, one line of arguments separated by tabs.
    const bin = path.join(built.dir, 'bin');
    await mkdir(bin);
    await writeFile(path.join(bin, 'aws'), `#!/bin/sh\n(IFS='\t'; printf '%s\\n' "$*") >> "${path.join(built.dir, 'aws.log')}"\n`, { mode: 0o755 });
    const env = { PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}` };
    const first = await cliOutcome(built.dir, ['build'], env);
    expect(first.code, first.stderr).toBe(0);
    const calls = (await readFile(path.join(built.dir, 'aws.log'), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => line.split('\t'));
    const uploads = new Map(calls.filter((call) => call[1] === 'cp').map((call) => [call[3]?.replace('s3://news.example.com/', '') ?? '', call[call.indexOf('--cache-control') + 1]]));
    const manifestFiles = (await built.files()).filter((file) => file !== '_headers');
    expect([...uploads.keys()].sort()).toEqual(manifestFiles);
    const stylesheet = manifestFiles.find((file) => file.startsWith('assets/style.')) ?? '';
    expect(
      Object.fromEntries(
        [
          'index.html',
          'page/1/index.html',
          'tags/japan/page/1/index.html',
          'tags/japan/index.html',
          'feed.xml',
          'tags/japan/feed.json',
          'sitemap.xml',
          'pagefind/pagefind-entry.json',
          '2018/05/03/c/index.html',
          '404.html',
          stylesheet,
        ].map((file) => [file, uploads.get(file)]),
      ),
    ).toEqual({
      'index.html': cacheControl.front,
      'page/1/index.html': cacheControl.archive,
      'tags/japan/page/1/index.html': cacheControl.archive,
      'tags/japan/index.html': cacheControl.front,
      'feed.xml': cacheControl.front,
      'tags/japan/feed.json': cacheControl.front,
      'sitemap.xml': cacheControl.front,
      'pagefind/pagefind-entry.json': cacheControl.front,
      '2018/05/03/c/index.html': cacheControl.revalidate,
      '404.html': cacheControl.revalidate,
      [stylesheet]: cacheControl.fingerprinted,
    });
    const order = [...uploads.keys()];
    expect(order.findIndex((file) => file.endsWith('.html'))).toBeGreaterThan(order.findLastIndex((file) => !file.endsWith('.html')));

    // A story removed: its page is deleted from the bucket.
    await writeFile(path.join(built.dir, 'aws.log'), '');
    await rm(path.join(built.dir, 'stories/c.md'));
    expect((await cliOutcome(built.dir, ['build'], env)).code).toBe(0);
    const after = (await readFile(path.join(built.dir, 'aws.log'), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => line.split('\t'));
    expect(after.filter((call) => call[1] === 'rm').map((call) => call[2])).toContain('s3://news.example.com/2018/05/03/c/index.html');
  });
});
