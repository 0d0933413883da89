import { createHash } from 'node:crypto';
import type { StoryFile } from '../../src/io/load.js';
import { defaultConfig } from '../../src/config.js';
import type { SiteConfig } from '../../src/model/config.js';
import type { Article } from '../../src/model/article.js';
import { modelStory } from '../../src/pipeline/model.js';
import { parseStory } from '../../src/pipeline/parse.js';

/** A story file as the load stage would hand it over, from inline text. */
export function storyFile(source: string, text: string): StoryFile {
  return { source, displayPath: `stories/${source}`, text, digest: createHash('sha256').update(text).digest('hex') };
}

/** Parse and model one inline story; throws when it has a fatal problem. */
export function articleOf(source: string, text: string, config: SiteConfig = defaultConfig, assets: readonly string[] = []): Article {
  const parsed = parseStory(storyFile(source, text));
  if (!parsed.story) throw new Error(`Parse failed: ${parsed.messages.map((m) => m.reason).join('; ')}`);
  const modelled = modelStory(parsed.story, { config, assets: new Set(assets) });
  if (!modelled.article) throw new Error(`Model failed: ${modelled.messages.map((m) => m.reason).join('; ')}`);
  return modelled.article;
}

/** Parse and model one inline story and return its messages as `line:column rule` strings. */
export function problemsOf(source: string, text: string, config: SiteConfig = defaultConfig, assets: readonly string[] = []): string[] {
  const parsed = parseStory(storyFile(source, text));
  const modelled = parsed.story ? modelStory(parsed.story, { config, assets: new Set(assets) }) : { messages: [] };
  return [...parsed.messages, ...modelled.messages].map((message) => `${message.line}:${message.column} ${message.ruleId}`);
}
