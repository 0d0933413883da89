import type { Element } from 'hast';
import { label } from '../src/labels/fill.js';
import type { LabelSet } from '../src/labels/select.js';
import type { SiteConfig } from '../src/model/config.js';
import { menuSection } from '../src/model/menu.js';
import { collectionFolders, type Collection } from '../src/model/site.js';
import { hrefTo } from '../src/model/urls.js';
import { asElement } from './parts/tree.js';

/** What the site header shows: the site (title, logo, menu), the page's place and its labels. */
export interface HeaderView {
  readonly config: SiteConfig;
  /** The sections the menu can link. */
  readonly sections: readonly Collection[];
  readonly labels: LabelSet;
  /** How each menu entry is marked on this page (`aria-current`), in the order of {@link menuItems}. */
  readonly current: readonly ('page' | 'true' | undefined)[];
}

/** One link of the menu: where it goes, its text, and its site-relative path when it is on this site (to mark the current page). */
export interface MenuItem {
  readonly href: string;
  readonly title: string;
  readonly path?: string;
}

/**
 * The menu's links: the site's `menu` in its order (a section entry linking the section's page,
 * left out while no story is filed under it), or by default every section, then Topics, Tags and Search.
 */
export function menuItems(config: SiteConfig, sections: readonly Collection[], labels: LabelSet): MenuItem[] {
  const sitePage = (path: string, title: string): MenuItem => ({ href: hrefTo(config, path), title, path });
  if (!config.menu) {
    return [
      ...sections.map((section) => sitePage(section.path, section.name)),
      sitePage(`${collectionFolders.topic}/`, label(labels, 'topics')),
      sitePage(`${collectionFolders.tag}/`, label(labels, 'tags')),
      ...(config.search ? [sitePage('search/', label(labels, 'search'))] : []),
    ];
  }
  return config.menu.flatMap((entry): MenuItem[] => {
    if (entry.kind === 'section') {
      const section = menuSection(entry, sections);
      return section ? [sitePage(section.path, entry.title ?? section.name)] : [];
    }
    if (!entry.url.startsWith('/')) return [{ href: entry.url, title: entry.title }];
    return [sitePage(entry.url.replace(/^\/+/, '').replace(/[?#].*$/, ''), entry.title)];
  });
}

/** The site header: the site's title or logo linking home, and the menu. */
export function siteHeader(view: HeaderView): Element {
  const { config, labels } = view;
  const items = menuItems(config, view.sections, labels);
  const logo = config.logo;
  return asElement(
    <header class="site-header">
      <div class="wrap">
        <a class={logo ? 'site-title has-logo' : 'site-title'} href={hrefTo(config, '')}>
          {logo ? <img class="site-logo" src={hrefTo(config, logo.src)} alt={logo.alt ?? config.title} /> : config.title}
        </a>
        {items.length === 0 ? null : (
          <nav class="site-nav" aria-label={label(labels, 'navigation')}>
            <ul>
              {items.map((item, index) => (
                <li>
                  <a href={item.href} aria-current={view.current[index]}>
                    {item.title}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        )}
      </div>
    </header>,
  );
}
