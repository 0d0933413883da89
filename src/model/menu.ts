import leven from 'leven';
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
    const expected = expectedSection(entry.section, sections);
    return [
      problem('unknown-menu-section', `Menu section "${entry.section}" has no stories, expected ${expected}; the entry is left out of the menu`, entry.place.file, {
        line: entry.place.line,
        column: entry.place.column,
      }),
    ];
  });
}

/** What a menu section entry could have named: the nearest section's name, else the first few. */
function expectedSection(written: string, sections: readonly Collection[]): string {
  if (sections.length === 0) return 'a section a story is filed under (no story has a section yet)';
  const distance = (section: Collection) => leven(written.toLowerCase(), section.name.toLowerCase());
  const nearest = sections.reduce((best, section) => (distance(section) < distance(best) ? section : best));
  if (distance(nearest) <= Math.max(2, Math.floor(written.length / 3))) return `"${nearest.name}"`;
  const listed = sections
    .slice(0, 10)
    .map((section) => `"${section.name}"`)
    .join(', ');
  return `one of ${listed}${sections.length > 10 ? ` (or ${sections.length - 10} more)` : ''}`;
}
