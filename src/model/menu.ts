import type { VFileMessage } from 'vfile-message';
import { problem } from '../report/problem.js';
import { slugify } from '../text/slug.js';
import type { MenuEntry, SiteConfig } from './config.js';
import type { Collection } from './site.js';

/** The section a menu entry names, by its name (any case) or slug; undefined when no story is filed under it. */
export function menuSection(entry: Extract<MenuEntry, { kind: 'section' }>, sections: readonly Collection[]): Collection | undefined {
  const wanted = entry.section.toLowerCase();
  const slug = slugify(entry.section);
  return sections.find((section) => section.slug === entry.section || section.name.toLowerCase() === wanted || section.slug === slug);
}

/**
 * A warning for each menu entry naming a section no live story is filed under: the entry is
 * left out of the menu until one is (sections come and go with their stories, so this never
 * stops a build).
 */
export function menuSectionProblems(config: SiteConfig, sections: readonly Collection[]): VFileMessage[] {
  return (config.menu ?? []).flatMap((entry) => {
    if (entry.kind !== 'section' || menuSection(entry, sections)) return [];
    const known = sections.map((section) => `"${section.name}"`).join(', ');
    const expected = known === '' ? 'a section a story is filed under (no story has a section yet)' : `one of ${known}`;
    return [problem('unknown-menu-section', `Menu section "${entry.section}" has no stories, expected ${expected}; the entry is left out of the menu`, entry.place.file, { line: entry.place.line, column: entry.place.column })];
  });
}
