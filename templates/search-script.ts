import { shardListFile } from '../src/search/pagefind-index.js';

/** The filter every shard's stories get in the browser (Pagefind's `mergeFilter`): its place in the list, `0` for the newest. */
const shardFilter = 'wiredesk-shard';

/**
 * The script of the search page (`assets/search.js`): searches over Pagefind's JavaScript API and
 * lists the results in `#search-list`, each with its headline link, section, date and an excerpt.
 *
 * - The newest period's index is Pagefind's own, every older period's (listed in
 *   `wiredesk-shards.json`) merged into it at once, each given the filter `wiredesk-shard` with
 *   its place in that list (`0` the newest).
 * - **Best match** is Pagefind's ranking over every shard. **Newest first** cannot be one sorted
 *   search: Pagefind sorts each shard by its `date` sort key but ranks the merged results by score
 *   again. Shards are periods, newest first, so the script asks once for each shard's number of
 *   matches, then asks shard after shard (those with matches only) for its matches sorted by
 *   date, until a page of results is filled: exact at any size of archive, with the result data
 *   loaded only for the results shown.
 * - Excerpts come from Pagefind as text with `<mark>` around the words found (and `<`, `>` as
 *   entities); they are put in the page as text nodes and `mark` elements, never as HTML.
 * - `?q=`, `section=` and `sort=newest` in the address search at once (the form is a plain GET
 *   form); the address follows the form as it changes. Interface words come from the page
 *   (`data-*` attributes of `#search-results`, from the site's labels).
 * - When Pagefind's script or the list does not load, it shows `#search-missing`.
 */
export const searchScript = `// wiredesk: search every shard of the site's Pagefind index and list the results.
(function () {
  var form = document.getElementById('search-form');
  var out = document.getElementById('search-results');
  if (!form || !out) return;
  var input = form.elements.namedItem('q');
  var sortBox = form.elements.namedItem('sort');
  var sectionBox = form.elements.namedItem('section');
  var status = document.getElementById('search-status');
  var list = document.getElementById('search-list');
  var more = document.getElementById('search-more');
  var words = out.dataset;
  var lang = document.documentElement.lang || 'en';
  var pageSize = 20;
  var missing = function () {
    var note = document.getElementById('search-missing');
    if (note) note.hidden = false;
    form.hidden = true;
  };
  var bundle = form.getAttribute('data-bundle') || '/pagefind/';
  var shardFilter = '${shardFilter}';

  var numbers = new Intl.NumberFormat(lang, { useGrouping: false });
  var plurals = new Intl.PluralRules(lang);
  var fill = function (text, count, query) {
    return text.replace('{count}', numbers.format(count)).replace('{query}', query);
  };
  var countText = function (count, query) {
    if (count === 0) return fill(words.none || '', 0, query);
    var category = plurals.select(count);
    var text = words['count' + category.charAt(0).toUpperCase() + category.slice(1)] || words.countOther || '';
    return fill(text, count, query);
  };

  // An excerpt as text and <mark> elements: Pagefind escapes < and > of the story's text and adds <mark> tags, nothing else.
  var excerptNodes = function (excerpt) {
    var nodes = [];
    var marked = false;
    (excerpt || '').split(/(<\\/?mark>)/).forEach(function (part) {
      if (part === '<mark>') marked = true;
      else if (part === '</mark>') marked = false;
      else if (part !== '') {
        var text = document.createTextNode(part.replace(/&lt;/g, '<').replace(/&gt;/g, '>'));
        if (!marked) return nodes.push(text);
        var mark = document.createElement('mark');
        mark.appendChild(text);
        nodes.push(mark);
      }
    });
    return nodes;
  };

  var resultItem = function (data) {
    var item = document.createElement('li');
    item.className = 'search-result';
    var heading = document.createElement('h2');
    heading.className = 'search-result-title';
    var link = document.createElement('a');
    link.href = data.url;
    link.textContent = (data.meta && data.meta.title) || data.url;
    heading.appendChild(link);
    item.appendChild(heading);
    var line = document.createElement('p');
    line.className = 'search-result-meta';
    var section = data.meta && data.meta.section;
    if (section) {
      var name = document.createElement('span');
      name.className = 'search-result-section';
      name.textContent = section;
      line.appendChild(name);
    }
    // The date as the site's pages write it, zone included (the record's \`shown\` metadata, see storySearchDocument).
    var shown = data.meta && data.meta.shown;
    if (shown && data.meta.date) {
      var time = document.createElement('time');
      time.setAttribute('datetime', data.meta.date);
      time.textContent = shown;
      line.appendChild(time);
    }
    if (line.childNodes.length > 0) item.appendChild(line);
    var excerpt = document.createElement('p');
    excerpt.className = 'search-result-excerpt';
    // The excerpt of the story's text (the part before the headline, see storySearchDocument) when the words are there.
    var parts = data.sub_results || [];
    var text = parts.filter(function (part) { return part.url.indexOf('#') < 0; })[0] || parts[0] || data;
    excerptNodes(text.excerpt).forEach(function (node) {
      excerpt.appendChild(node);
    });
    item.appendChild(excerpt);
    return item;
  };

  // A source of results, asked for the next ones a page at a time.
  var bestMatch = function (pagefind, query, filters) {
    return pagefind.search(query, { filters: filters }).then(function (found) {
      var results = found.results;
      var given = 0;
      return {
        total: results.length,
        next: function () {
          var page = results.slice(given, given + pageSize);
          given += page.length;
          return Promise.resolve({ results: page, done: given >= results.length });
        },
      };
    });
  };
  var newestFirst = function (pagefind, query, filters, shardCount) {
    var sort = { date: 'desc' };
    return pagefind.search(query, { filters: filters, sort: sort }).then(function (found) {
      var counts = (found.filters && found.filters[shardFilter]) || {};
      var shards = [];
      for (var shard = 0; shard < shardCount; shard++) if (counts[String(shard)] > 0) shards.push(String(shard));
      var waiting = [];
      var take = function () {
        if (waiting.length >= pageSize || shards.length === 0) {
          var page = waiting.splice(0, pageSize);
          return Promise.resolve({ results: page, done: waiting.length === 0 && shards.length === 0 });
        }
        var only = Object.assign({}, filters);
        only[shardFilter] = shards.shift();
        return pagefind.search(query, { filters: only, sort: sort }).then(function (inShard) {
          waiting = waiting.concat(inShard.results);
          return take();
        });
      };
      return { total: found.results.length, next: take };
    });
  };

  var searching = 0;
  var current = null;
  var show = function (source, asked) {
    more.hidden = true;
    return source.next().then(function (page) {
      return Promise.all(page.results.map(function (result) { return result.data(); })).then(function (datas) {
        if (asked !== searching) return;
        datas.forEach(function (data) { list.appendChild(resultItem(data)); });
        more.hidden = page.done;
      });
    });
  };

  var start = function (pagefind, shardCount) {
    var run = function () {
      var asked = ++searching;
      var query = input.value.trim();
      var sort = sortBox ? sortBox.value : '';
      var section = sectionBox ? sectionBox.value : '';
      var params = new URLSearchParams();
      if (query) params.set('q', query);
      if (section) params.set('section', section);
      if (sort) params.set('sort', sort);
      var address = window.location.pathname + (params.toString() ? '?' + params.toString() : '');
      window.history.replaceState(null, '', address);
      list.textContent = '';
      more.hidden = true;
      if (!query) {
        status.textContent = '';
        return;
      }
      var filters = section ? { section: section } : {};
      var made = sort === 'newest' ? newestFirst(pagefind, query, filters, shardCount) : bestMatch(pagefind, query, filters);
      made
        .then(function (source) {
          if (asked !== searching) return;
          current = source;
          status.textContent = countText(source.total, query);
          return show(source, asked);
        })
        .catch(function (error) {
          console.error(error);
        });
    };
    var timer = 0;
    input.addEventListener('input', function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(run, 250);
    });
    [sortBox, sectionBox].forEach(function (box) {
      if (box) box.addEventListener('change', run);
    });
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      window.clearTimeout(timer);
      run();
    });
    more.addEventListener('click', function () {
      if (current) show(current, searching);
    });
    var asked = new URLSearchParams(window.location.search);
    input.value = asked.get('q') || '';
    if (sectionBox) sectionBox.value = asked.get('section') || '';
    if (sortBox) sortBox.value = asked.get('sort') === 'newest' ? 'newest' : '';
    if (input.value) run();
    form.setAttribute('data-ready', '');
  };

  var shardList = fetch(bundle + '${shardListFile}', { cache: 'no-cache' }).then(function (response) {
    if (!response.ok) throw new Error('the list of search shards is missing');
    return response.json();
  });
  Promise.all([shardList, import(bundle + 'pagefind.js')])
    .then(function (loaded) {
      var pagefind = loaded[1];
      var merge = loaded[0].merge || [];
      var own = {};
      own[shardFilter] = '0';
      return pagefind
        .options({ mergeFilter: own, excerptEllipsis: '…' })
        .then(function () {
          return Promise.all(
            merge.map(function (folder, position) {
              var filter = {};
              filter[shardFilter] = String(position + 1);
              return pagefind.mergeIndex(bundle + folder, { mergeFilter: filter, excerptEllipsis: '…' });
            }),
          );
        })
        .then(function () {
          start(pagefind, merge.length + 1);
        });
    })
    .catch(function (error) {
      console.error(error);
      missing();
    });
})();
`;
