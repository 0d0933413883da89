import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { VFileMessage } from 'vfile-message';
import { isMap, parseDocument } from 'yaml';
import { z } from 'zod';
import type { DateFormat, SiteConfig } from './model/config.js';
import type { Point } from './model/article.js';
import { fieldProblems, placeOf, unknownFieldProblems } from './model/field-problems.js';
import { permalinkProblem } from './model/permalink.js';
import { pointLocator } from './report/locate.js';
import { problem } from './report/problem.js';
import { isKnownTimeZone } from './text/datetime.js';
import { isStaticFile } from './io/static-file-check.js';
import { defaultDateFormat, lookConfigOf, lookSettingsShape, unknownLookKeys, type LookSettingsInput } from './model/look-settings.js';

/** The default settings: a clone with no `site.yaml` builds with these. */
export const defaultConfig: SiteConfig = {
  title: 'Wiredesk News',
  description: 'Wire-service stories, built by wiredesk.',
  baseUrl: 'http://localhost:4321/',
  basePath: '/',
  language: 'en',
  permalink: '/:year/:month/:day/:id/',
  pageSize: 20,
  feedSize: 20,
  allowHtml: false,
  embedHosts: [],
  typography: true,
  relatedCount: 3,
  search: true,
  headers: false,
  head: [],
  labels: {},
  dateFormat: defaultDateFormat,
  output: { swap: false },
};

const text = z.string({ error: 'text' }).trim().min(1);
/** The settings under `output:`. */
const outputSettings: readonly string[] = ['swap'];
/** The schema of `site.yaml`: every setting optional, checked as written (see `resolveConfig` for defaults and cross-checks). */
export const configSchema = z.object({
  title: text.optional(),
  description: text.optional(),
  baseUrl: z.url({ protocol: /^https?$/, error: 'an absolute http(s) URL such as https://example.com/news/' }).optional(),
  language: text.optional(),
  timezone: text.refine(isKnownTimeZone, { error: (issue) => `Unknown time zone "${String(issue.input)}", expected an IANA time zone such as Europe/Moscow` }).optional(),
  permalink: text.optional(),
  pageSize: z.int({ error: 'a whole number' }).min(1).max(1000).optional(),
  feedSize: z.int({ error: 'a whole number' }).min(1).max(1000).optional(),
  allowHtml: z.boolean({ error: 'true or false' }).optional(),
  typography: z.boolean({ error: 'true or false' }).optional(),
  embedHosts: z
    .array(z.string({ error: 'a host name' }).regex(/^(?=.{1,253}$)[a-z0-9-]+(\.[a-z0-9-]+)*$/i, { error: 'a host name such as www.youtube-nocookie.com' }), { error: 'a list of host names' })
    .optional(),
  relatedCount: z.int({ error: 'a whole number' }).min(0).max(20).optional(),
  search: z.boolean({ error: 'true or false' }).optional(),
  headers: z.boolean({ error: 'true or false' }).optional(),
  // The site owner's own command, run through the shell as it is: trusted, like the rest of site.yaml.
  deploy: text.optional(),
  ...lookSettingsShape,
  output: z
    .looseObject({ swap: z.boolean({ error: 'true or false' }).optional() }, { error: 'a map such as `swap: true`' })
    .superRefine((value, context) => {
      for (const key of Object.keys(value)) if (!outputSettings.includes(key)) context.addIssue({ code: 'custom', path: [key], message: `Unknown setting \`output.${key}\`, expected \`swap\`` });
    })
    .optional(),
});

/** Settings given on the command line; they win over `site.yaml`. */
export interface ConfigOverrides {
  readonly baseUrl?: string | undefined;
}

/** How the settings are read: what the command that reads them will do with them. */
export interface ConfigReading {
  /**
   * Warn (`local-base-url`) when the settings file leaves `baseUrl` a loopback address (as written,
   * or the default) and `--base-url` does not set it: `build` publishes it in every canonical link,
   * feed and sitemap. A folder without a settings file (a bare clone, a test's site) is built as it
   * is, quietly. `dev` and `preview` serve on this machine and do not ask.
   */
  readonly warnLocalBaseUrl?: boolean;
}

/** The outcome of reading the settings: a config when usable, and every problem found. */
export interface ResolvedConfig {
  readonly config?: SiteConfig;
  readonly messages: readonly VFileMessage[];
}

/**
 * Read `site.yaml` (or `configFile`; a missing default file is fine), merge it over the defaults and
 * the command-line overrides over it, and check every value.
 */
export async function resolveConfig(configFile: string | undefined, overrides: ConfigOverrides = {}, cwd = process.cwd(), reading: ConfigReading = {}): Promise<ResolvedConfig> {
  const file = path.resolve(cwd, configFile ?? 'site.yaml');
  const displayPath = path.relative(cwd, file).split(path.sep).join('/');
  let raw: unknown = {};
  let source: Parameters<typeof fieldProblems>[0] | undefined;
  try {
    const yamlText = (await readFile(file, 'utf8')).replace(/^\uFEFF/, '');
    const document = parseDocument(yamlText, { prettyErrors: false });
    const pointAt = pointLocator(yamlText);
    const [error] = document.errors;
    if (error) return { messages: [problem('invalid-config', `Invalid YAML: ${error.message}, expected \`setting: value\` lines`, displayPath, pointAt(error.pos[0]))] };
    if (document.contents !== null && !isMap(document.contents)) {
      return { messages: [problem('invalid-config', 'Settings are not a map, expected `setting: value` lines', displayPath, { line: 1, column: 1 })] };
    }
    raw = document.toJS() ?? {};
    source = { document, yamlOffset: 0, pointAt, displayPath };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || configFile !== undefined) {
      return { messages: [problem('invalid-config', `Cannot read the settings file: ${(error as Error).message}`, displayPath, { line: 1, column: 1 })] };
    }
  }
  const warnings = source ? [...unknownFieldProblems(source, Object.keys(configSchema.shape), 'setting'), ...unknownLookKeys(source)] : [];
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const messages = source
      ? fieldProblems(source, parsed.error.issues).map((message) => retag(message))
      : parsed.error.issues.map((issue) => problem('invalid-config', `Invalid \`${issue.path.join('.')}\`: ${issue.message}`, displayPath, { line: 1, column: 1 }));
    return { messages: [...warnings, ...messages] };
  }
  const where = (key: string): [string, Point] =>
    key in overrides && overrides[key as keyof ConfigOverrides] !== undefined ? ['command line', { line: 1, column: 1 }] : [displayPath, source ? placeOf(source, [key]) : { line: 1, column: 1 }];
  const { logo, menu, footer, image, head, labels, dateFormat, ...plain } = parsed.data;
  const look: LookSettingsInput = { logo, menu, footer, image, head, labels, dateFormat };
  const placeAt = (keys: readonly (string | number)[]): Point => (source ? placeOf(source, keys) : { line: 1, column: 1 });
  const lookConfig = lookConfigOf(look, (keys) => ({ file: displayPath, ...placeAt(keys) }));
  const lookIssues = await lookProblems(lookConfig, dateFormat?.zone, plain.timezone, path.dirname(file), (keys) => [displayPath, placeAt(keys)]);
  if (lookIssues.length > 0) return { messages: [...warnings, ...lookIssues] };
  const finished = finish({ ...stripUndefined(plain), ...lookConfig, ...stripUndefined(overrides) }, where);
  const local =
    reading.warnLocalBaseUrl === true && source !== undefined && overrides.baseUrl === undefined && finished.config && isLoopbackUrl(finished.config.baseUrl)
      ? [localBaseUrlWarning(finished.config.baseUrl, displayPath, placeAt(['baseUrl']))]
      : [];
  return { ...finished, messages: [...warnings, ...local, ...finished.messages] };
}

/**
 * What the look settings need beyond their shape: the logo and a non-URL `image` are files under
 * `static/` (beside `site.yaml`), each `head` snippet holds only what a head may, and zone
 * abbreviations have a `timezone` to abbreviate.
 */
async function lookProblems(
  look: ReturnType<typeof lookConfigOf>,
  writtenZone: DateFormat['zone'] | undefined,
  timezone: string | undefined,
  siteFolder: string,
  where: (keys: readonly (string | number)[]) => [string, Point],
): Promise<VFileMessage[]> {
  const messages: VFileMessage[] = [];
  if (look.logo && !(await isStaticFile(siteFolder, look.logo.src))) {
    messages.push(problem('invalid-config', `Logo "${look.logo.src}" is not a file in static/, expected the path of the picture relative to static/`, ...where(['logo', 'src'])));
  }
  if (look.image !== undefined && !/^https?:/i.test(look.image) && !(await isStaticFile(siteFolder, look.image))) {
    messages.push(problem('invalid-config', `Image "${look.image}" is not a file in static/, expected an http(s) URL or the path of a picture relative to static/`, ...where(['image'])));
  }
  if (look.head.length > 0) {
    // The HTML parser that checks `head` snippets is loaded only for a site that has some: a build without starts sooner.
    const { headSnippetProblem } = await import('./model/head-snippets.js');
    look.head.forEach((snippet, index) => {
      const reason = headSnippetProblem(snippet);
      if (reason) messages.push(problem('invalid-config', reason, ...where(look.head.length === 1 ? ['head'] : ['head', index])));
    });
  }
  // Abbreviations are the default, which falls back to offsets without a zone: only asked for in so many words do they need one.
  if (writtenZone === 'abbreviation' && timezone === undefined) {
    messages.push(
      problem('invalid-config', 'Zone abbreviations need the zone to abbreviate, expected `timezone` set to an IANA zone such as Europe/Moscow (or `zone: offset`)', ...where(['dateFormat', 'zone'])),
    );
  }
  return messages;
}

function finish(values: Partial<Omit<SiteConfig, 'basePath' | 'output'>> & { readonly output?: { readonly swap?: boolean | undefined } }, where: (key: string) => [string, Point]): ResolvedConfig {
  const merged = { ...defaultConfig, ...values, output: { ...defaultConfig.output, ...stripUndefined(values.output ?? {}) } };
  let url: URL;
  try {
    url = new URL(merged.baseUrl);
    if (!/^https?:$/.test(url.protocol)) throw new Error('not http');
  } catch {
    return { messages: [problem('invalid-config', `Invalid base URL "${merged.baseUrl}", expected an absolute http(s) URL such as https://example.com/news/`, ...where('baseUrl'))] };
  }
  const basePath = url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`;
  const permalinkIssue = permalinkProblem(merged.permalink);
  if (permalinkIssue) return { messages: [problem('invalid-config', permalinkIssue, ...where('permalink'))] };
  return { config: { ...merged, baseUrl: `${url.origin}${basePath}`, basePath }, messages: [] };
}

/** Whether `url`'s host is this machine: `localhost` (or a name under it), 127.0.0.0/8, `[::1]`, or the unspecified `0.0.0.0` and `[::]`. */
export function isLoopbackUrl(url: string): boolean {
  const host = new URL(url).hostname.toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || /^127(\.\d{1,3}){3}$/.test(host) || host === '0.0.0.0' || host === '[::1]' || host === '[::]';
}

/** The `local-base-url` warning, at `baseUrl` in the settings file (its first line when the default is used). */
function localBaseUrlWarning(baseUrl: string, displayPath: string, place: Point): VFileMessage {
  return problem(
    'local-base-url',
    `\`baseUrl\` is "${baseUrl}", an address of this machine: canonical links, feeds and sitemaps will point there, expected the site's public URL (set \`baseUrl\` in site.yaml or pass --base-url)`,
    displayPath,
    place,
  );
}

function retag(message: VFileMessage): VFileMessage {
  const copy = problem('invalid-config', message.reason, message.file ?? '', { line: message.line ?? 1, column: message.column ?? 1 });
  return copy;
}

function stripUndefined<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as { [K in keyof T]: Exclude<T[K], undefined> };
}
