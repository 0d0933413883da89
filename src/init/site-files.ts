import { faviconIco } from './favicon.js';
import { pagesWorkflowText } from './pages-workflow.js';
import { newStoryFile } from './story-file.js';

/** One file `wiredesk init` writes: its path in the site's folder (with `/`) and its text (bytes for a picture). */
export interface SiteFile {
  readonly path: string;
  readonly text: string | Uint8Array;
}

/** What the new site's files depend on. */
export interface SiteFileOptions {
  /** The IANA zone written as `timezone` in `site.yaml` and used to date the sample story. */
  readonly timezone: string;
  /** The instant the sample story is dated, in epoch milliseconds. */
  readonly now: number;
  /** The version of wiredesk the site depends on (`^version`). */
  readonly version: string;
}

/** Every file of a new site: settings, a sample story, an About page, a favicon, package.json, .gitignore and the Pages workflow. */
export function siteFiles(options: SiteFileOptions): SiteFile[] {
  const story = newStoryFile('Welcome to your newsroom', options.now, options.timezone, sampleBody, 'News');
  return [
    { path: 'site.yaml', text: siteYamlText(options.timezone) },
    { path: `stories/${story.path}`, text: story.text },
    { path: 'pages/about.md', text: aboutPageText },
    { path: 'static/favicon.ico', text: faviconIco() },
    { path: 'package.json', text: packageJsonText(options.version) },
    { path: '.gitignore', text: 'node_modules/\ndist\n.dist.wiredesk/\n.dist.trees/\n.wiredesk-cache/\n' },
    { path: '.github/workflows/pages.yml', text: pagesWorkflowText },
  ];
}

const sampleBody = `This is a sample story. A story is a Markdown file under \`stories/\`: YAML front matter
between \`---\` lines (\`title\` and \`date\` are all it needs), then the text.

Write the next one with \`npx wiredesk new "Headline"\`, and delete this one when you do.`;

const aboutPageText = `---
title: About us
description: Who we are and how to reach the newsroom.
---

This is a page: a Markdown file under \`pages/\` with a \`title\` and no date. This one is served
at \`/about/\`, with the site's header and footer, and listed in the sitemap (never in the story
lists or feeds).

Say who you are, what you cover and how readers can reach the newsroom. Files under \`static/\`
(such as \`favicon.ico\`) are published as they are, at the same paths.
`;

/** Where editors find the settings' JSON Schema, once wiredesk is installed in the site. */
export const siteSchemaPath = './node_modules/wiredesk/schemas/site.schema.json';

function siteYamlText(timezone: string): string {
  return `# yaml-language-server: $schema=${siteSchemaPath}
# wiredesk settings: every one is optional; delete a line to use its default.

# The site's name, in every page's header and in the feeds.
title: My Newsroom
# One sentence about the site, for search engines and feed readers.
description: Stories from our newsroom.
# The absolute URL the site is served from. \`wiredesk build --base-url URL\` overrides it
# (the GitHub Pages workflow passes the Pages address).
baseUrl: http://localhost:4321/
# The stories' language, a BCP 47 tag such as en, ru or pt-BR.
language: en
# Dates written without a UTC offset (such as 2018-05-25) are placed in this IANA zone,
# and \`wiredesk new\` dates a story now in it.
timezone: ${/^[\w/+-]+$/.test(timezone) ? timezone : JSON.stringify(timezone)}
# Where each story's page goes: :year, :month, :day (of the story's date) and :id (its file name).
permalink: /:year/:month/:day/:id/
# Stories on each page of a list (the front page, a section, a topic, a tag).
pageSize: 20
# Stories in each feed.
feedSize: 20
# A full-text search page (/search/) that needs no server.
search: true

# Your paper's look (docs/customizing.md in the wiredesk package). Uncomment to use.
# A logo in place of the title: a file in static/.
# logo: {src: logo.svg, alt: My Newsroom}
# The header's menu, in the desk's order: a section by name, or any link.
# menu:
#   - section: News
#   - {title: About, url: /about/}
# footer:
#   copyright: © My Newsroom
#   links:
#     - {title: About, url: /about/}
# Any interface word, by key (the built-in sets follow \`language\`: en, ru, es, fr, de, ar).
# labels:
#   latestStories: Top stories
# Times are on the site's clock with its zone's abbreviation (14:03 MSK): a 12-hour clock,
# numeric offsets (UTC+3), or each time at its author's offset instead.
# dateFormat: {clock: 12, zone: offset, timesIn: story}
# Snippets added to every page's head, such as analytics: trusted, written by you only.
# head:
#   - <script defer src="https://stats.example.org/script.js"></script>

# Publishing (docs/deploying.md). A _headers file of cache rules for Netlify and Cloudflare Pages:
# headers: true
# A command run after each build that changed the site, told what changed:
# deploy: rsync -a --delete dist/ www.example.org:/var/www/news/
`;
}

function packageJsonText(version: string): string {
  const manifest = {
    private: true,
    scripts: { build: 'wiredesk build', dev: 'wiredesk dev' },
    dependencies: { wiredesk: `^${version}` },
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
