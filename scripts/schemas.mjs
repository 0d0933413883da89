// `npm run compile`'s last step: write the JSON Schemas of `site.yaml` and of story and page front
// matter into schemas/ (shipped in the package, git-ignored), made from the compiled zod schemas.
import { mkdirSync, writeFileSync } from 'node:fs';
import { jsonSchemaFiles, jsonSchemaOf } from '../lib/src/model/json-schemas.js';

const folder = new URL('../schemas/', import.meta.url);
mkdirSync(folder, { recursive: true });
for (const file of Object.keys(jsonSchemaFiles)) writeFileSync(new URL(file, folder), `${JSON.stringify(jsonSchemaOf(file), null, 2)}\n`);
