import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Heading, Link, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

/** Every Markdown file of the documentation: the README, the top-level guides and docs/*.md. */
function documentationFiles(): string[] {
  const topLevel = ['README.md', 'CHANGELOG.md', 'CONTRIBUTING.md'].filter((file) => existsSync(path.join(root, file)));
  const docs = readdirSync(path.join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`);
  return [...topLevel, ...docs];
}

function parse(file: string): Root {
  return unified()
    .use(remarkParse)
    .parse(readFileSync(path.join(root, file), 'utf8'));
}

/** The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as `-`, repeats numbered. */
function anchorsOf(tree: Root): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  visit(tree, 'heading', (heading: Heading) => {
    const base = toString(heading)
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
      .replace(/ /g, '-');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  });
  return anchors;
}

/** The relative links of a file (not `http:`, `mailto:` and the like), as written. */
function relativeLinks(tree: Root): string[] {
  const links: string[] = [];
  visit(tree, 'link', (link: Link) => {
    if (!/^[a-z][a-z0-9+.-]*:/i.test(link.url)) links.push(link.url);
  });
  return links;
}

describe('links in the documentation', () => {
  const files = documentationFiles();
  const anchorsByFile = new Map<string, Set<string>>();
  const anchorsIn = (file: string): Set<string> => {
    const known = anchorsByFile.get(file) ?? anchorsOf(parse(file));
    anchorsByFile.set(file, known);
    return known;
  };

  it('should find the README and the docs pages', () => {
    expect(files).toContain('README.md');
    expect(files).toContain('docs/README.md');
  });

  it.each(files)('should point every relative link of %s at a file and heading that exist', (file) => {
    const broken: string[] = [];
    for (const url of relativeLinks(parse(file))) {
      const [target = '', anchor] = url.split('#');
      const resolved = target === '' ? file : path.posix.normalize(path.posix.join(path.posix.dirname(file), decodeURI(target)));
      const absolute = path.join(root, resolved);
      if (!existsSync(absolute)) {
        broken.push(`${url}: no file ${resolved}`);
        continue;
      }
      if (anchor === undefined || anchor === '') continue;
      if (!resolved.endsWith('.md') || statSync(absolute).isDirectory()) {
        broken.push(`${url}: an anchor into a file that is not Markdown`);
        continue;
      }
      if (!anchorsIn(resolved).has(decodeURIComponent(anchor))) broken.push(`${url}: no heading #${anchor} in ${resolved}`);
    }
    expect(broken).toEqual([]);
  });
});
