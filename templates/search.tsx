import type { Root } from 'hast';
import { collectionFolders } from '../src/model/site.js';
import { hrefTo } from '../src/model/urls.js';
import type { PageChrome } from '../src/model/views.js';
import { asElement } from './parts/tree.js';
import type { Templates } from './table.js';
import { label, labelParts } from '../src/labels/fill.js';
import type { PluralText } from '../src/labels/keys.js';

/** The search page: a search form and its results, over the site's Pagefind index (no third-party host). */
export interface SearchView {
  readonly kind: 'search';
  readonly chrome: PageChrome;
  /** Site-relative path of the Pagefind bundle's folder (`pagefind/`). */
  readonly bundlePath: string;
  /** Site-relative path of the script that searches and lists the results (`searchScript`). */
  readonly scriptPath: string;
}

/**
 * The search page: a labelled search form (words, section, order) that works as a plain GET form,
 * the place its script lists the results in, a note for browsers without JavaScript, and one for
 * a missing index. The interface words the script needs are `data-*` attributes of the results.
 */
export function renderSearch(view: SearchView, templates: Templates): Root {
  const { chrome } = view;
  const { config, labels } = chrome;
  const bundle = (file: string) => hrefTo(config, `${view.bundlePath}${file}`);
  const browse = labelParts(labels, 'browseBy', {
    section: asElement(<a href={hrefTo(config, `${collectionFolders.section}/`)}>{label(labels, 'browseSection')}</a>),
    topic: asElement(<a href={hrefTo(config, `${collectionFolders.topic}/`)}>{label(labels, 'browseTopic')}</a>),
    tag: asElement(<a href={hrefTo(config, `${collectionFolders.tag}/`)}>{label(labels, 'browseTag')}</a>),
  });
  const main = (
    <>
      <header class="list-header">
        <h1>{chrome.title}</h1>
      </header>
      <div class="search">
        <form role="search" class="search-form" id="search-form" action={hrefTo(config, chrome.path)} method="get" data-bundle={bundle('')}>
          <p class="search-field">
            <label for="search-input">{label(labels, 'searchLabel')}</label>
            <input type="search" id="search-input" name="q" autocomplete="off" />
            <button type="submit">{label(labels, 'search')}</button>
          </p>
          <p class="search-options">
            {chrome.sections.length > 0 ? (
              <span class="search-option">
                <label for="search-section">{label(labels, 'searchSection')}</label>
                <select id="search-section" name="section">
                  <option value="">{label(labels, 'searchAllSections')}</option>
                  {chrome.sections.map((section) => (
                    <option value={section.name}>{section.name}</option>
                  ))}
                </select>
              </span>
            ) : null}
            <span class="search-option">
              <label for="search-sort">{label(labels, 'searchSort')}</label>
              <select id="search-sort" name="sort">
                <option value="">{label(labels, 'searchBestMatch')}</option>
                <option value="newest">{label(labels, 'searchNewest')}</option>
              </select>
            </span>
          </p>
        </form>
        <div id="search-results" {...countAttributes(labels.words.searchResultCount)} data-none={label(labels, 'searchNoResults')}>
          <p id="search-status" class="search-status" role="status"></p>
          <ol id="search-list" class="search-list"></ol>
          <button type="button" id="search-more" class="search-more" hidden>
            {label(labels, 'searchMoreResults')}
          </button>
        </div>
        <noscript>
          <p class="empty">
            {label(labels, 'searchNeedsJavaScript')} {browse}
          </p>
        </noscript>
        <p class="empty" id="search-missing" hidden>
          {label(labels, 'searchMissing')} {browse}
        </p>
      </div>
    </>
  );
  const head = [asElement(<script src={hrefTo(config, view.scriptPath)} defer></script>)];
  return templates.layout({ chrome, main, head }, templates);
}

/** The forms of the result count as `data-count-one`, `data-count-other`… (the script picks one with `Intl.PluralRules`). */
function countAttributes(forms: PluralText): Record<string, string> {
  return Object.fromEntries(Object.entries(forms).map(([category, text]) => [`data-count-${category}`, text]));
}
