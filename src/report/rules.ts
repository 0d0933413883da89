/** How bad a problem is: an `error` stops the build, a `warning` is printed and the build goes on. */
export type Severity = 'error' | 'warning';

/** One entry of the rule catalogue: a permanent id, its severity and what it is about. */
export interface Rule {
  readonly id: RuleId;
  readonly severity: Severity;
  /** One line for the rule table in docs/rules.md: what the rule checks. */
  readonly summary: string;
}

/**
 * The catalogue of every problem wiredesk reports. Ids are permanent: never rename one,
 * add a new one instead.
 */
export const rules = {
  'unreadable-file': {
    severity: 'error',
    summary:
      'a story or page file could not be read, is a symbolic link or lies in a folder that is one, or is not valid UTF-8; or a file of `pages/` or `static/` is a link, named pipe, socket or device',
  },
  'skipped-file': {
    severity: 'warning',
    summary: 'a file named like a story is skipped: a named pipe, device or socket, or a name ending in `.MD` (not lower case); or a file of `pages/` is not Markdown',
  },
  'empty-file': { severity: 'error', summary: 'a story file is empty' },
  'missing-front-matter': { severity: 'error', summary: 'a story does not start with a `---` front-matter block' },
  'unterminated-front-matter': { severity: 'error', summary: 'the front matter has no closing `---` line' },
  'yaml-syntax': { severity: 'error', summary: 'the front matter is not valid YAML' },
  'duplicate-key': { severity: 'error', summary: 'a front-matter key is written twice' },
  'invalid-front-matter': { severity: 'error', summary: 'the front matter is not a map of fields' },
  'invalid-field': { severity: 'error', summary: 'a field has the wrong type or an empty value (nested fields included)' },
  'missing-title': { severity: 'error', summary: 'the required `title` is missing' },
  'missing-date': { severity: 'error', summary: 'the required `date` is missing' },
  'invalid-date': { severity: 'error', summary: 'a date is not ISO 8601 or is impossible (e.g. 31 February)' },
  'date-without-offset': { severity: 'error', summary: 'a date with a time has no UTC offset and `site.yaml` sets no `timezone`' },
  'day-without-zone': { severity: 'warning', summary: 'a bare day (`2018-05-25`) has no UTC offset and `site.yaml` sets no `timezone`: shown as that day, placed at 00:00 UTC' },
  'lang-guessed': {
    severity: 'warning',
    summary: 'a story sets no `lang` and its text is plainly in another script than the site’s `language`: it is shown in the language guessed from its text',
  },
  'updated-before-date': { severity: 'error', summary: '`updated` is earlier than `date`' },
  'invalid-id': { severity: 'error', summary: "an `id` (or the file name it defaults to), or a part of a page file's name, is not made of `a-z`, `0-9` and `-`" },
  'duplicate-id': { severity: 'error', summary: 'two stories have the same id (both files are named)' },
  'invalid-character': { severity: 'warning', summary: 'front-matter text holds a control character, NUL or lone surrogate; it is shown as U+FFFD' },
  'unknown-field': { severity: 'warning', summary: 'a front-matter field wiredesk does not know (with the nearest known one)' },
  'invalid-term': { severity: 'error', summary: 'a section, topic or tag has no letters or digits to make a URL from' },
  'slug-collision': { severity: 'warning', summary: 'two spellings of a section, topic or tag share a URL; they are merged under the first' },
  'dangling-reference': { severity: 'error', summary: 'a story link or READ MORE points at a story file that does not exist' },
  'reference-outside-stories': { severity: 'error', summary: 'a story link points outside `stories/`' },
  'self-reference': { severity: 'error', summary: 'a story links to itself or names itself as related' },
  'dangling-related': { severity: 'error', summary: '`related` names a story id that does not exist' },
  'reference-to-broken-story': {
    severity: 'warning',
    summary: 'a story link, READ MORE or `related` entry points at a story that has errors of its own (shown as text; the errors are counted once, on that story)',
  },
  'missing-image': { severity: 'error', summary: 'the lead image `src` is not a file in `stories/` nor an http(s) URL' },
  'unreadable-image': {
    severity: 'warning',
    summary: 'the lead image is a file in `stories/` that cannot be read as a JPEG, PNG or WebP picture (corrupt or cut short, say): the story is published without it',
  },
  'path-collision': { severity: 'error', summary: 'two pages would be written to the same file (a story id that matches an index path, say), or one needs a folder where another is a file' },
  'page-path-taken': { severity: 'error', summary: 'a page of `pages/` would be at the URL of a page wiredesk makes (a story, a list, the home page…) or of another page' },
  'static-path-taken': { severity: 'error', summary: 'a file of `static/` would be at the path of a file the build writes (`feed.xml`, a page, `assets/style.css`…), or in a folder it writes' },
  'nesting-too-deep': { severity: 'error', summary: 'a story body nests block quotes, list items or emphasis more than 100 levels deep' },
  'yaml-aliases': { severity: 'error', summary: 'front-matter aliases (`*name`) expand to too many values' },
  'path-too-long': { severity: 'error', summary: 'an id or a section, topic or tag makes a file or folder name over 255 bytes, or a page path over 1,024 bytes' },
  'story-too-large': { severity: 'error', summary: 'a story file is over 512 KB' },
  'story-crash': { severity: 'error', summary: 'a story could not be read for an unforeseen reason (the message says what was thrown)' },
  'unknown-menu-section': { severity: 'warning', summary: 'a `menu` entry in `site.yaml` names a section no published story is filed under; the entry is left out of the menu' },
  'invalid-config': { severity: 'error', summary: '`site.yaml` or a flag has a wrong value' },
  'local-base-url': {
    severity: 'warning',
    summary: '`baseUrl` is an address of this machine (`localhost`, `127.x.x.x`, `[::1]`, `0.0.0.0`) and `build` was not given `--base-url`: canonical links, feeds and sitemaps would point there',
  },
  'template-error': { severity: 'error', summary: 'a template override in `templates/` does not compile, has no default export, is a second file for one template, or throws while rendering' },
  'unknown-template': { severity: 'warning', summary: 'a file in `templates/` is not named after a template wiredesk knows (the message lists them)' },
} as const satisfies Record<string, Omit<Rule, 'id'>>;

/** The permanent id of a rule. */
export type RuleId = keyof typeof rules;

/** Look a rule up by id. */
export function ruleOf(id: RuleId): Rule {
  return { id, ...rules[id] };
}
