import { access } from 'node:fs/promises';
import path from 'node:path';

import { runProcess } from './run-process.js';

/** One entry of a feed as feedparser sees it (missing fields are empty strings). */
export interface ParsedFeedEntry {
  title: string;
  link: string;
  id: string;
  published: string;
  /** The `term` of each category/tag, in feed order. */
  tags: string[];
}

/** What feedparser made of one feed file. */
export interface ParsedFeed {
  /** The file as it was passed in. */
  file: string;
  /** True when feedparser found the feed malformed (not well-formed XML, wrong encoding, …). */
  bozo: boolean;
  /** `ExceptionClass: message` of feedparser's bozo_exception, present only when bozo is true. */
  bozoException?: string;
  /** feedparser's format guess, e.g. `rss20` or `atom10`; empty when it could not tell. */
  version: string;
  /** The feed's (channel's) title. */
  title: string;
  entries: ParsedFeedEntry[];
}

/** Options for {@link parseFeeds}. */
export interface ParseFeedsOptions {
  /** The Python that has Debian's python3-feedparser (default: `/usr/bin/python3`). */
  python?: string;
}

/** Python run once for all files: parse each argv path from its bytes (no network), print one JSON array. */
const SCRIPT = String.raw`
import json, sys
import feedparser

def text(value):
    return value if isinstance(value, str) else ''

out = []
for path in sys.argv[1:]:
    with open(path, 'rb') as handle:
        data = handle.read()
    d = feedparser.parse(data)
    item = {
        'file': path,
        'bozo': bool(d.get('bozo', False)),
        'version': text(d.get('version', '')),
        'title': text(d.get('feed', {}).get('title', '')),
        'entries': [
            {
                'title': text(e.get('title', '')),
                'link': text(e.get('link', '')),
                'id': text(e.get('id', '')),
                'published': text(e.get('published', '')),
                'tags': [text(t.get('term', '')) for t in e.get('tags', [])],
            }
            for e in d.get('entries', [])
        ],
    }
    if item['bozo']:
        exc = d.get('bozo_exception')
        item['bozoException'] = type(exc).__name__ + ': ' + str(exc) if exc is not None else 'unknown'
    out.append(item)
sys.stdout.write(json.dumps(out))
`;

/** Parse every feed file with Debian's python3-feedparser in ONE Python process and report what it made of each. */
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
    const hint = /No module named ['"]?feedparser/.test(stderr)
      ? ' Install it with `apt-get install python3-feedparser` (.ci/run does this).'
      : '';
    throw new Error(`parseFeeds: ${python} exited with ${String(code)}.${hint}\n${stderr}`);
  }
  const parsed = JSON.parse(stdout) as Array<Omit<ParsedFeed, 'file'>>;
  if (parsed.length !== files.length) {
    throw new Error(`parseFeeds: expected ${String(files.length)} results, got ${String(parsed.length)}`);
  }
  // Report each result under the path the caller passed, not the absolute one given to Python.
  return parsed.map((feed, i) => ({ ...feed, file: files[i] ?? '' }));
}
