// Eleventy 3 configured to build a wiredesk bench corpus (bench/corpus.ts) into the same kinds of pages as
// wiredesk: a page per story, paginated home, section, topic and tag pages (20 stories a page), the three
// term indexes with counts, a 404 page and an RSS feed (latest 20, full body) for the home and every term.
// The input folder is the corpus's `stories/` as it is (`--input`); every other template is a virtual one,
// read from ./templates. Run by bench/build-speed.ts as
// `eleventy --config bench/peers/eleventy/eleventy.config.js --input <corpus>/stories --output <out> --quiet`.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import yaml from 'js-yaml';

const here = path.dirname(fileURLToPath(import.meta.url));
const template = (name) => readFileSync(path.join(here, 'templates', name), 'utf8');
const pageSize = 20;
const feedSize = 20;
const baseUrl = 'http://localhost:4321';
const kinds = [
  { kind: 'sections', label: 'Section', title: 'Sections', of: (data) => (data.section ? [data.section] : []) },
  { kind: 'topics', label: 'Topic', title: 'Topics', of: (data) => data.topics ?? [] },
  { kind: 'tags', label: 'Tag', title: 'Tags', of: (data) => data.tags ?? [] },
];

/** Wiredesk's slug for ASCII names: lower case, runs of anything but letters and digits folded into `-`. */
const slug = (name) => String(name).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
const isStory = (item) => item.inputPath.endsWith('.md');
const byNewest = (a, b) => b.date - a.date;

// What one build knows about its stories: computed once per build by the first collection that needs it.
let site;
function siteOf(api) {
  if (site) return site;
  const stories = api.getAll().filter(isStory).sort(byNewest);
  const byId = new Map(stories.map((item) => [item.page.fileSlug, item]));
  const terms = kinds.map(({ kind, label, title, of }) => {
    const groups = new Map();
    for (const item of stories) {
      for (const name of of(item.data)) {
        const key = slug(name);
        const group = groups.get(key) ?? { kind, label, name, slug: key, url: `/${kind}/${key}/`, items: [] };
        group.items.push(item);
        groups.set(key, group);
      }
    }
    return { kind, title, url: `/${kind}/`, terms: [...groups.values()].sort((a, b) => a.slug.localeCompare(b.slug)) };
  });
  site = { stories, byId, terms };
  return site;
}

export default function (eleventyConfig) {
  eleventyConfig.on('eleventy.before', () => {
    site = undefined;
  });
  // Dates stay strings (YAML core schema), so that a story's URL uses the day in its own UTC offset, as in wiredesk.
  eleventyConfig.setFrontMatterParsingOptions({ engines: { yaml: (text) => yaml.load(text, { schema: yaml.CORE_SCHEMA }) } });
  eleventyConfig.addGlobalData('eleventyComputed', {
    permalink: (data) => (isStory(data.page) ? `/${data.date.slice(0, 4)}/${data.date.slice(5, 7)}/${data.date.slice(8, 10)}/${data.page.fileSlug}/` : data.permalink),
    layout: (data) => (isStory(data.page) ? 'story.njk' : data.layout),
  });

  eleventyConfig.addCollection('stories', (api) => siteOf(api).stories);
  // One entry per page of every section, topic and tag: Eleventy's double pagination.
  eleventyConfig.addCollection('termPages', (api) =>
    siteOf(api).terms.flatMap(({ terms }) =>
      terms.flatMap((term) => {
        const total = Math.ceil(term.items.length / pageSize);
        return Array.from({ length: total }, (_, index) => ({
          ...term,
          count: term.items.length,
          number: index + 1,
          total,
          href: index === 0 ? term.url : `${term.url}page/${index + 1}/`,
          prev: index === 0 ? undefined : index === 1 ? term.url : `${term.url}page/${index}/`,
          next: index + 1 < total ? `${term.url}page/${index + 2}/` : undefined,
          items: term.items.slice(index * pageSize, (index + 1) * pageSize),
        }));
      }),
    ),
  );
  eleventyConfig.addCollection('termIndexes', (api) => siteOf(api).terms);
  eleventyConfig.addCollection('feeds', (api) => {
    const { stories, terms } = siteOf(api);
    const home = { title: 'Wiredesk News', url: '/', description: 'Wire-service stories, built by wiredesk.', items: stories.slice(0, feedSize) };
    const each = terms.flatMap(({ terms: list }) =>
      list.map((term) => ({ title: `Wiredesk News: ${term.name}`, url: term.url, description: `Stories filed under ${term.name}`, items: term.items.slice(0, feedSize) })),
    );
    return [home, ...each];
  });
  eleventyConfig.addCollection('sectionTerms', (api) => siteOf(api).terms[0]?.terms ?? []);

  // A link to another story file ([](../2018/a.md)) goes to that story's page, titled with its headline.
  eleventyConfig.addFilter('storyLinks', (html) =>
    String(html).replace(/<a href="(?:[^"]*\/)?([a-z0-9-]+)\.md">([^<]*)<\/a>/g, (link, id, text) => {
      const target = site?.byId.get(id);
      return target ? `<a href="${target.url}">${text || escapeHtml(target.data.title)}</a>` : link;
    }),
  );
  eleventyConfig.addFilter('related', (ids) => (ids ?? []).map((id) => site?.byId.get(id)).filter(Boolean));
  eleventyConfig.addFilter('termLinks', (names, kind) => [names ?? []].flat().map((name) => ({ name, url: `/${kind}/${slug(name)}/` })));
  eleventyConfig.addFilter('summary', (html) => {
    const first = /<p>([\s\S]*?)<\/p>/.exec(String(html));
    return first ? first[1].replace(/<[^>]*>/g, '') : '';
  });
  eleventyConfig.addFilter('longDate', (date) => new Date(date).toUTCString().slice(5, 16));
  eleventyConfig.addFilter('rfc822', (date) => new Date(date).toUTCString());
  eleventyConfig.addFilter('absolute', (url) => `${baseUrl}${url}`);

  for (const [virtualPath, file] of [
    ['_includes/base.njk', 'base.njk'],
    ['_includes/story.njk', 'story.njk'],
    ['index.njk', 'home.njk'],
    ['term.njk', 'term.njk'],
    ['terms.njk', 'terms.njk'],
    ['feed.njk', 'feed.njk'],
    ['404.njk', '404.njk'],
  ]) {
    eleventyConfig.addTemplate(virtualPath, template(file));
  }

  return {
    markdownTemplateEngine: false,
    htmlTemplateEngine: 'njk',
    templateFormats: ['md', 'njk'],
  };
}

function escapeHtml(text) {
  return String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
