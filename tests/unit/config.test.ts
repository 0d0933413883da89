import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultConfig, resolveConfig } from '../../src/config.js';

describe('resolveConfig', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'wiredesk-config-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));
  const rules = (result: Awaited<ReturnType<typeof resolveConfig>>) => result.messages.map((m) => `${m.file}:${m.line}:${m.column} ${m.reason}`);

  it('should use the defaults when there is no site.yaml', async () => {
    expect(await resolveConfig(undefined, {}, dir)).toEqual({ config: defaultConfig, messages: [] });
  });

  it('should merge site.yaml over the defaults and derive the base path', async () => {
    await writeFile(path.join(dir, 'site.yaml'), 'title: Wire\nbaseUrl: https://example.com/news\ntimezone: Europe/Moscow\npageSize: 5\n');
    const { config } = await resolveConfig(undefined, {}, dir);
    expect(config).toEqual({ ...defaultConfig, title: 'Wire', baseUrl: 'https://example.com/news/', basePath: '/news/', timezone: 'Europe/Moscow', pageSize: 5 });
  });

  it('should read the headers and deploy settings, and report wrong values of them at their place', async () => {
    await writeFile(path.join(dir, 'site.yaml'), "headers: true\ndeploy: 'aws s3 sync dist s3://news'\n");
    expect((await resolveConfig(undefined, {}, dir)).config).toMatchObject({ headers: true, deploy: 'aws s3 sync dist s3://news' });
    await writeFile(path.join(dir, 'site.yaml'), 'headers: yes please\ndeploy: 42\n');
    const result = await resolveConfig(undefined, {}, dir);
    expect(result.config).toBeUndefined();
    expect(rules(result)).toEqual([expect.stringMatching(/^site\.yaml:1:10 .*true or false/), expect.stringMatching(/^site\.yaml:2:9 .*text/)]);
  });

  it('should let the command line override site.yaml', async () => {
    await writeFile(path.join(dir, 'site.yaml'), 'baseUrl: https://a.example/\n');
    const { config } = await resolveConfig(undefined, { baseUrl: 'https://b.example/x/' }, dir);
    expect(config?.baseUrl).toBe('https://b.example/x/');
    expect(config?.basePath).toBe('/x/');
  });

  it('should report wrong values at their place', async () => {
    await writeFile(path.join(dir, 'site.yaml'), 'title: Wire\npageSize: 0\n');
    const result = await resolveConfig(undefined, {}, dir);
    expect(result.config).toBeUndefined();
    expect(rules(result)).toEqual([expect.stringMatching(/^site\.yaml:2:11 /)]);
  });

  it('should take the output layout from `output.swap`, a plain folder by default', async () => {
    expect(defaultConfig.output).toEqual({ swap: false });
    await writeFile(path.join(dir, 'site.yaml'), 'output:\n  swap: true\n');
    expect((await resolveConfig(undefined, {}, dir)).config?.output).toEqual({ swap: true });
    await writeFile(path.join(dir, 'site.yaml'), 'output: {}\n');
    expect((await resolveConfig(undefined, {}, dir)).config?.output).toEqual({ swap: false });
  });

  it('should refuse a wrong `output` setting and an unknown one under it, each at its place', async () => {
    await writeFile(path.join(dir, 'site.yaml'), 'title: Wire\noutput:\n  swap: yes please\n');
    expect(rules(await resolveConfig(undefined, {}, dir))).toEqual(['site.yaml:3:9 Unexpected text "yes please" in `output.swap`, expected true or false']);
    await writeFile(path.join(dir, 'site.yaml'), 'output:\n  swp: true\n');
    expect(rules(await resolveConfig(undefined, {}, dir))).toEqual(['site.yaml:2:8 Unknown setting `output.swp`, expected `swap`']);
    await writeFile(path.join(dir, 'site.yaml'), 'output: true\n');
    expect(rules(await resolveConfig(undefined, {}, dir))).toEqual(['site.yaml:1:9 Unexpected boolean true in `output`, expected a map such as `swap: true`']);
  });

  it('should warn about an unknown setting, naming the nearest known one, and go on', async () => {
    await writeFile(path.join(dir, 'site.yaml'), 'title: Wire\nfeedsize: 3\n');
    const result = await resolveConfig(undefined, {}, dir);
    expect(result.config?.title).toBe('Wire');
    expect(rules(result)).toEqual(['site.yaml:2:1 Unknown setting `feedsize`, did you mean `feedSize`?']);
    expect(result.messages[0]?.fatal).toBe(false);
  });

  it('should refuse a permalink without :id and a base URL that is not http(s)', async () => {
    await writeFile(path.join(dir, 'site.yaml'), 'permalink: /:year/:month/\n');
    expect(rules(await resolveConfig(undefined, {}, dir))).toEqual([expect.stringMatching(/^site\.yaml:1:12 Permalink "\/:year\/:month\/" has no `:id`/)]);
    expect(rules(await resolveConfig(undefined, { baseUrl: 'ftp://x/' }, dir))[0]).toMatch(/^command line:1:1 Invalid base URL "ftp:\/\/x\/"/);
  });

  it('should refuse a permalink that is not folders of letters, digits, `-` and `_`, at the permalink', async () => {
    for (const pattern of ['/:id/index.html/', '/:id.xml', '/sitemap.xml/:id/', '/x/%2e%2e/:id/', '/x/../:id/', '/a b/:id/', '/:id/?x']) {
      await writeFile(path.join(dir, 'site.yaml'), `title: Wire\npermalink: "${pattern}"\n`);
      const result = await resolveConfig(undefined, {}, dir);
      expect(result.config, pattern).toBeUndefined();
      expect(
        result.messages.map((m) => `${m.file}:${m.line}:${m.column} ${m.ruleId}`),
        pattern,
      ).toEqual(['site.yaml:2:12 invalid-config']);
    }
  });

  it('should take a permalink of folders made of tokens, letters, digits, `-` and `_`', async () => {
    await writeFile(path.join(dir, 'site.yaml'), 'permalink: /News_2/:section/:year-:month/:id/\n');
    expect((await resolveConfig(undefined, {}, dir)).config?.permalink).toBe('/News_2/:section/:year-:month/:id/');
  });
});
