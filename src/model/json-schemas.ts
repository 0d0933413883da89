import { z } from 'zod';
import { configSchema } from '../config.js';
import { frontMatterSchema } from './front-matter.js';
import { pageFrontMatterSchema } from './site-page.js';

/** A JSON Schema document, as `z.toJSONSchema` makes it. */
export type JsonSchema = Record<string, unknown>;

/** The JSON Schemas wiredesk ships, by file name in its `schemas/` folder. */
export const jsonSchemaFiles = {
  'site.schema.json': { title: 'wiredesk site.yaml', schema: () => configSchema },
  'story.schema.json': { title: 'wiredesk story front matter', schema: () => frontMatterSchema({}) },
  'page.schema.json': { title: 'wiredesk page front matter', schema: () => pageFrontMatterSchema({}) },
} as const;

/** The name of one of the shipped JSON Schemas. */
export type JsonSchemaFile = keyof typeof jsonSchemaFiles;

/**
 * The JSON Schema of `site.yaml`, of a story's or of a page's front matter, made from the zod
 * schema wiredesk checks them with: the values as written (`io: 'input'`), so editors complete
 * the fields and check their types, lists and choices. What only wiredesk can check (a date's
 * calendar, a known time zone, a story id that exists) is left to `wiredesk build`.
 */
export function jsonSchemaOf(file: JsonSchemaFile): JsonSchema {
  const { title, schema } = jsonSchemaFiles[file];
  const made = z.toJSONSchema(schema(), { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  return { $schema: made.$schema, title, ...made };
}
