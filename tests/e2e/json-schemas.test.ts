import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { configSchema } from '../../src/config.js';
import { siteFiles } from '../../src/init/site-files.js';
import { jsonSchemaFiles, jsonSchemaOf, type JsonSchemaFile } from '../../src/model/json-schemas.js';
import { knownFields } from '../../src/model/front-matter.js';
import { knownPageFields } from '../../src/model/site-page.js';
import { frontMatterOf } from '../../src/pipeline/parse.js';
import { schemaProblems } from '../support/json-schema-check.js';

const repo = path.resolve(import.meta.dirname, '../..');
const init = siteFiles({ timezone: 'Europe/Moscow', now: Date.parse('2026-03-01T20:15:30Z'), version: '0.1.0' });
const initText = (file: string) => {
  const text = init.find((made) => made.path === file || made.path.startsWith(file))?.text;
  if (typeof text !== 'string') throw new Error(`init writes no text file ${file}`);
  return text;
};
const frontMatter = (text: string): unknown => parse(frontMatterOf(text)?.yamlText ?? '');

describe('the JSON Schemas', () => {
  it('should list every setting and every story and page field', () => {
    expect(Object.keys(jsonSchemaOf('site.schema.json').properties as object)).toEqual(Object.keys(configSchema.shape));
    expect(Object.keys(jsonSchemaOf('story.schema.json').properties as object)).toEqual([...knownFields]);
    expect(Object.keys(jsonSchemaOf('page.schema.json').properties as object)).toEqual([...knownPageFields]);
    expect(jsonSchemaOf('story.schema.json').required).toEqual(['title', 'date']);
    expect(jsonSchemaOf('page.schema.json').required).toEqual(['title']);
  });

  it("should take the sample site's and init's settings, story and page", async () => {
    const site = jsonSchemaOf('site.schema.json');
    expect(schemaProblems(site, parse(await readFile(path.join(repo, 'site.yaml'), 'utf8')))).toEqual([]);
    expect(schemaProblems(site, parse(initText('site.yaml')))).toEqual([]);
    expect(schemaProblems(jsonSchemaOf('story.schema.json'), frontMatter(initText('stories/')))).toEqual([]);
    expect(schemaProblems(jsonSchemaOf('page.schema.json'), frontMatter(initText('pages/about.md')))).toEqual([]);
    expect(schemaProblems(jsonSchemaOf('page.schema.json'), frontMatter(await readFile(path.join(repo, 'pages/about.md'), 'utf8')))).toEqual([]);
  });

  it('should reject a wrong type, a number out of range and a value not among the choices', () => {
    expect(schemaProblems(jsonSchemaOf('site.schema.json'), { title: 'x', pageSize: 'ten', feedSize: 5000, search: 'yes' })).toEqual([
      'pageSize: expected integer',
      'feedSize: above 1000',
      'search: expected boolean',
    ]);
    expect(schemaProblems(jsonSchemaOf('story.schema.json'), { title: 'x', date: '2018-05-25', status: 'deleted', tags: 'Japan', id: 'Not An Id' })).toEqual([
      'status: expected one of usable, withheld, canceled',
      'tags: expected array',
      'id: does not match ^[a-z0-9]+(?:-[a-z0-9]+)*$',
    ]);
    expect(schemaProblems(jsonSchemaOf('page.schema.json'), { description: 'No title' })).toEqual(['.title: required']);
  });

  it('should be written by `npm run compile` into schemas/, as the package ships them', async () => {
    for (const file of Object.keys(jsonSchemaFiles) as JsonSchemaFile[]) {
      const written = path.join(repo, 'schemas', file);
      expect(existsSync(written), `${file}: run npm run compile`).toBe(true);
      expect(JSON.parse(await readFile(written, 'utf8'))).toEqual(jsonSchemaOf(file));
    }
    const manifest = JSON.parse(await readFile(path.join(repo, 'package.json'), 'utf8')) as { files: string[] };
    expect(manifest.files).toContain('schemas/');
  });
});
