import { access } from 'node:fs/promises';
import path from 'node:path';

import { runProcess } from './run-process.js';

/** One entry of a feed as feedparser sees it (missing fields are empty strings). */
export interface ParsedFeedEntry {
  title: string;
  link: string;
  id: string;
  published: string;
  /** When the entry last changed, as written (Atom `updated`, JSON Feed `date_modified`). */
  updated: string;
  /** The plain summary (RSS `description`, Atom `summary`, JSON Feed `summary`). */
  summary: string;
  /** The first full content (RSS `content:encoded`, Atom `content`, JSON Feed `content_html`), unescaped. */
  content: string;
  /** The `term` of each category/tag, in feed order. */
  tags: string[];
  /** The title and summary as a reader shows them: HTML rendered to its text, plain text as it is. */
  shown: { title: string; summary: string };
}

/** What feedparser made of one feed file. */
export interface ParsedFeed {
  /** The file as it was passed in. */
  file: string;
  /** True when feedparser found the feed malformed (not well-formed XML, wrong encoding, …). */
  bozo: boolean;
  /** `ExceptionClass: message` of feedparser's bozo_exception, present only when bozo is true. */
  bozoException?: string;
  /** feedparser's format guess, e.g. `rss20` or `atom10`; `json11` (or `json1`) for a JSON Feed; empty when it could not tell. */
  version: string;
  /** The feed's (channel's) title. */
  title: string;
  /** The feed's description (RSS channel `description`, Atom `subtitle`, JSON Feed `description`). */
  subtitle: string;
  /** The feed's title and description as a reader shows them: HTML rendered to its text, plain text as it is. */
  shown: { title: string; subtitle: string };
  /** When the feed last changed, as written (RSS `lastBuildDate`, Atom `updated`); empty for JSON Feed, which has none. */
  updated: string;
  entries: ParsedFeedEntry[];
}

/** Options for {@link parseFeeds}. */
export interface ParseFeedsOptions {
  /** The Python that has Debian's python3-feedparser (default: `/usr/bin/python3`). */
  python?: string;
}

/**
 * Python run once for all files: parse each argv path from its bytes (no network), print one JSON array.
 * XML feeds go to feedparser. A JSON Feed goes to a reader written here, because Debian's feedparser
 * (6.0) has no JSON support: it maps fields the way feedparser 6.1's JSON parser does (version
 * `json11`, `url` → link, `date_published` → published) and, stricter than it, is bozo on anything
 * JSON Feed 1.1 does not allow (a missing title, version or items; an item without a string id;
 * a date that is not RFC 3339; a field of the wrong type).
 */
const SCRIPT = String.raw`
import json, re, sys
from html.parser import HTMLParser
import feedparser

def text(value):
    return value if isinstance(value, str) else ''

class TextOfHtml(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
    def handle_data(self, data):
        self.parts.append(data)

# What a reader shows of a field: HTML (feedparser's type for it) rendered to its text, plain text as it is.
def shown(detail):
    if not detail:
        return ''
    value = text(detail.get('value', ''))
    if detail.get('type') not in ('text/html', 'application/xhtml+xml'):
        return value
    parser = TextOfHtml()
    parser.feed(value)
    parser.close()
    return ''.join(parser.parts)

def xml_feed(data):
    d = feedparser.parse(data)
    item = {
        'bozo': bool(d.get('bozo', False)),
        'version': text(d.get('version', '')),
        'title': text(d.get('feed', {}).get('title', '')),
        'subtitle': text(d.get('feed', {}).get('subtitle', '')),
        'shown': {'title': shown(d.get('feed', {}).get('title_detail')), 'subtitle': shown(d.get('feed', {}).get('subtitle_detail'))},
        'updated': text(dict.get(d.get('feed', {}), 'updated', '')),
        'entries': [
            {
                'title': text(e.get('title', '')),
                'link': text(e.get('link', '')),
                'id': text(e.get('id', '')),
                'published': text(e.get('published', '')),
                # dict.get: feedparser's own get() answers 'updated' with 'published' when there is none.
                'updated': text(dict.get(e, 'updated', '')),
                'summary': text(e.get('summary', '')),
                'content': text((e.get('content') or [{}])[0].get('value', '')),
                'tags': [text(t.get('term', '')) for t in e.get('tags', [])],
                'shown': {'title': shown(e.get('title_detail')), 'summary': shown(e.get('summary_detail'))},
            }
            for e in d.get('entries', [])
        ],
    }
    if item['bozo']:
        exc = d.get('bozo_exception')
        item['bozoException'] = type(exc).__name__ + ': ' + str(exc) if exc is not None else 'unknown'
    return item

JSON_VERSIONS = {'https://jsonfeed.org/version/1': 'json1', 'https://jsonfeed.org/version/1.1': 'json11'}
RFC3339 = re.compile(r'^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$')

def json_feed(data):
    problems = []
    try:
        d = json.loads(data.decode('utf-8'))
    except (UnicodeDecodeError, ValueError) as exc:
        return {'bozo': True, 'bozoException': type(exc).__name__ + ': ' + str(exc), 'version': '', 'title': '', 'subtitle': '', 'shown': {'title': '', 'subtitle': ''}, 'updated': '', 'entries': []}
    if not isinstance(d, dict):
        d = {}
        problems.append('the document is not an object')
    version = JSON_VERSIONS.get(text(d.get('version')).strip(), '')
    if not version:
        problems.append('version is not a JSON Feed version URL')
    for key in ('title',):
        if not isinstance(d.get(key), str):
            problems.append(key + ' is missing or not a string')
    for key in ('home_page_url', 'feed_url', 'description', 'language', 'icon', 'favicon'):
        if key in d and not isinstance(d[key], str):
            problems.append(key + ' is not a string')
    items = d.get('items')
    if not isinstance(items, list):
        problems.append('items is missing or not a list')
        items = []
    entries = []
    for index, e in enumerate(items):
        where = 'items[' + str(index) + ']'
        if not isinstance(e, dict):
            problems.append(where + ' is not an object')
            continue
        if not isinstance(e.get('id'), str):
            problems.append(where + '.id is missing or not a string')
        if 'content_html' not in e and 'content_text' not in e:
            problems.append(where + ' has neither content_html nor content_text')
        for key in ('url', 'title', 'summary', 'content_html', 'content_text', 'image', 'language', 'date_published', 'date_modified'):
            if key in e and not isinstance(e[key], str):
                problems.append(where + '.' + key + ' is not a string')
        for key in ('date_published', 'date_modified'):
            if isinstance(e.get(key), str) and not RFC3339.match(e[key]):
                problems.append(where + '.' + key + ' is not an RFC 3339 date')
        tags = e.get('tags', [])
        if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
            problems.append(where + '.tags is not a list of strings')
            tags = []
        authors = e.get('authors', [])
        if not isinstance(authors, list) or not all(isinstance(a, dict) for a in authors):
            problems.append(where + '.authors is not a list of objects')
        entries.append({
            'title': text(e.get('title')),
            'link': text(e.get('url')),
            'id': text(e.get('id')),
            'published': text(e.get('date_published')),
            'updated': text(e.get('date_modified')),
            'summary': text(e.get('summary')),
            'content': text(e.get('content_html')) or text(e.get('content_text')),
            'tags': tags,
            # JSON Feed's title and summary are plain text.
            'shown': {'title': text(e.get('title')), 'summary': text(e.get('summary'))},
        })
    item = {'bozo': bool(problems), 'version': version, 'title': text(d.get('title')), 'subtitle': text(d.get('description')), 'updated': '', 'entries': entries}
    item['shown'] = {'title': item['title'], 'subtitle': item['subtitle']}
    if problems:
        item['bozoException'] = 'JsonFeedError: ' + '; '.join(problems)
    return item

out = []
for path in sys.argv[1:]:
    with open(path, 'rb') as handle:
        data = handle.read()
    item = json_feed(data) if data.lstrip()[:1] == b'{' else xml_feed(data)
    item['file'] = path
    out.append(item)
sys.stdout.write(json.dumps(out))
`;

/** Parse every feed file (RSS, Atom, JSON Feed) in ONE Python process, XML ones with Debian's python3-feedparser, and report what it made of each. */
export async function parseFeeds(files: readonly string[], options: ParseFeedsOptions = {}): Promise<ParsedFeed[]> {
  if (files.length === 0) return [];
  await Promise.all(
    files.map((file) =>
      access(file).catch(() => {
        throw new Error(`parseFeeds: no such feed file: ${file}`);
      }),
    ),
  );
  const python = options.python ?? '/usr/bin/python3';
  // -I: isolated mode, so PYTHONPATH or a user site-packages cannot swap in another feedparser.
  const { code, stdout, stderr } = await runProcess(
    python,
    ['-I', '-c', SCRIPT, ...files.map((f) => path.resolve(f))],
    `parseFeeds: ${python} not found; install python3 and python3-feedparser (.ci/run does this).`,
  );
  if (code !== 0) {
    const hint = /No module named ['"]?feedparser/.test(stderr) ? ' Install it with `apt-get install python3-feedparser` (.ci/run does this).' : '';
    throw new Error(`parseFeeds: ${python} exited with ${String(code)}.${hint}\n${stderr}`);
  }
  const parsed = JSON.parse(stdout) as Array<Omit<ParsedFeed, 'file'>>;
  if (parsed.length !== files.length) {
    throw new Error(`parseFeeds: expected ${String(files.length)} results, got ${String(parsed.length)}`);
  }
  // Report each result under the path the caller passed, not the absolute one given to Python.
  return parsed.map((feed, i) => ({ ...feed, file: files[i] ?? '' }));
}
