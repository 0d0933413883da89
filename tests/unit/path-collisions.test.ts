import { beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config.js';
import type { SiteConfig } from '../../src/model/config.js';
import { themeAssetsDir } from '../../src/paths.js';
import { assembleSite, storyToArticle } from '../../src/pipeline/index.js';
import { loadTheme, type ThemeFile } from '../../src/io/load-theme.js';
import { storyFile } from '../support/story-file.js';

// Two pages must never need the same file, nor one a folder where another is a file: the build
// would stop writing halfway (EEXIST, EISDIR) or one page would silently replace the other.

let theme: readonly ThemeFile[];
beforeAll(async () => {
  theme = await loadTheme(themeAssetsDir);
});

const story = (id: string) => `---\ntitle: T\ndate: 2018-05-25T14:03:00+03:00\nid: ${id}\n---\n\nBody.\n`;

/** The path-collision messages of a site of these stories (by id), as `file:line:column`. */
function collisions(config: SiteConfig, ids: readonly string[]): string[] {
  const results = ids.map((id) => storyToArticle(storyFile(`${id}.md`, story(id)), config, new Set()));
  const { messages } = assembleSite(results, [], config, { theme });
  return messages.filter((message) => message.ruleId === 'path-collision').map((message) => `${message.file}:${message.line}:${message.column}`);
}

describe('page paths', () => {
  it('should report a story whose page needs a folder where another page is a file, at its id', () => {
    // `/:id.xml` is refused in site.yaml; planning still checks what a pattern gives.
    expect(collisions({ ...defaultConfig, permalink: '/:id.xml' }, ['feed', 'other'])).toEqual(['stories/feed.md:4:5']);
    expect(collisions({ ...defaultConfig, permalink: '/:id.xml' }, ['sitemap'])).toEqual(['stories/sitemap.md:4:5']);
  });
});
