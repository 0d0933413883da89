import type { Element } from 'hast';
import type { SiteConfig } from '../../src/model/config.js';
import type { Collection } from '../../src/model/site.js';
import { hrefTo } from '../../src/model/urls.js';
import { countLabel } from '../../src/labels/fill.js';
import type { LabelSet } from '../../src/labels/select.js';
import { asElement } from './tree.js';

/** A row's label when it links one collection, and when it links more. */
export interface TermLabel {
  readonly one: string;
  readonly many: string;
}

/**
 * A labelled row of links to collection pages (as pills); nothing when empty. Pills give no story
 * counts, topics and tags alike: the counts are on the indexes and the collections' own pages.
 */
export function termLinks(config: SiteConfig, label: TermLabel, collections: readonly Collection[]): Element | undefined {
  if (collections.length === 0) return undefined;
  return asElement(
    <div class="terms">
      <span class="terms-label">{collections.length === 1 ? label.one : label.many}</span>
      <ul class="pills">
        {collections.map((collection) => (
          <li>
            <a href={hrefTo(config, collection.path)}>{collection.name}</a>
          </li>
        ))}
      </ul>
    </div>,
  );
}

/** A story count as a reader of the page's language says it: "1 story", "40 stories", "5 материалов". */
export function storyCount(count: number, labels: LabelSet): string {
  return countLabel(labels, 'storyCount', count);
}
