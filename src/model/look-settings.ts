import type { VFileMessage } from 'vfile-message';
import { isSeq } from 'yaml';
import { z } from 'zod';
import { labelKeys, pluralLabelKeys, textLabelKeys, type Labels, type PluralText } from '../labels/keys.js';
import type { DateFormat, MenuEntry, NamedLink, SettingPlace, SiteConfig } from './config.js';
import { unknownFieldProblems, type FrontMatterSource } from './field-problems.js';

const text = z.string({ error: 'text' }).trim().min(1);

/** True for a link the owner may write: an absolute http(s) URL, or a site path (`/about/`, not `//host`). */
export function isLinkUrl(url: string): boolean {
  if (/^\/(?!\/)/.test(url)) return !/[\s\\]/.test(url);
  try {
    return /^https?:$/.test(new URL(url).protocol);
  } catch {
    return false;
  }
}

const linkUrl = z
  .string({ error: 'text' })
  .refine(isLinkUrl, { error: (issue) => `Invalid link "${String(issue.input)}", expected an http(s) URL such as https://example.com/ or a site path such as /about/` });

const namedLink = z.object({ title: text, url: linkUrl });

const menuEntry = z
  .object({ title: text.optional(), url: linkUrl.optional(), section: text.optional() }, { error: 'a map such as `{title: About, url: /about/}` or `{section: World}`' })
  .superRefine((entry, context) => {
    if (entry.section !== undefined && entry.url !== undefined) {
      context.addIssue({ code: 'custom', path: ['url'], message: 'A menu entry has both `section` and `url`, expected one of them' });
    } else if (entry.section === undefined && (entry.title === undefined || entry.url === undefined)) {
      context.addIssue({ code: 'custom', message: "Incomplete menu entry, expected `{title, url}` (a link) or `{section}` (a section's page)" });
    }
  });

const pluralForms = z.object(
  { zero: text.optional(), one: text.optional(), two: text.optional(), few: text.optional(), many: text.optional(), other: text },
  { error: 'text, or a map of plural forms such as `{one: "{count} story", other: "{count} stories"}`' },
);

const labelsShape = Object.fromEntries([
  ...textLabelKeys.map((key) => [key, z.string({ error: 'text' }).optional()] as const),
  ...pluralLabelKeys.map(
    (key) => [key, z.union([z.string(), pluralForms], { error: 'text, or a map of plural forms such as `{one: "{count} story", other: "{count} stories"}`' }).optional()] as const,
  ),
]);

const logoShape = {
  src: z
    .string({ error: 'a path under static/ such as logo.svg' })
    .refine(isStaticPath, { error: (issue) => `Invalid logo path "${String(issue.input)}", expected a file path relative to static/ such as logo.svg, without \`..\`` }),
  alt: z.string({ error: 'text' }).optional(),
};
const footerShape = { copyright: text.optional(), links: z.array(namedLink, { error: 'a list of `{title, url}` links' }).optional() };
const dateFormatShape = {
  clock: z.union([z.literal(12), z.literal(24)], { error: '12 or 24' }).optional(),
  zone: z.enum(['offset', 'abbreviation', 'none'], { error: 'offset, abbreviation or none' }).optional(),
  timesIn: z.enum(['site', 'story'], { error: 'site or story' }).optional(),
};

/** The schema of the settings that make a site look like its paper: logo, menu, footer, image, head snippets, labels, date format. */
export const lookSettingsShape = {
  logo: z.object(logoShape, { error: 'a map such as `{src: logo.svg, alt: The Daily Wire}`' }).optional(),
  menu: z.array(menuEntry, { error: 'a list of menu entries' }).optional(),
  footer: z.object(footerShape, { error: 'a map such as `{copyright: "© 2026 The Daily Wire", links: [...]}`' }).optional(),
  image: z
    .string({ error: 'text' })
    .refine((value) => (isLinkUrl(value) ? !value.startsWith('/') : isStaticPath(value)), {
      error: (issue) => `Invalid image "${String(issue.input)}", expected an http(s) URL or a file path relative to static/ such as share.png`,
    })
    .optional(),
  head: z.union([z.string(), z.array(z.string({ error: 'text' }))], { error: 'raw HTML text, or a list of it' }).optional(),
  labels: z.object(labelsShape, { error: 'a map of label keys to texts' }).optional(),
  dateFormat: z.object(dateFormatShape, { error: 'a map such as `{clock: 24, zone: abbreviation}`' }).optional(),
};

/** The look settings as the schema gives them. */
export type LookSettingsInput = z.infer<z.ZodObject<typeof lookSettingsShape>>;

/** True for a relative path with no `..`, `.`, empty or absolute part, and no backslash: a file under `static/`. */
export function isStaticPath(value: string): boolean {
  if (value === '' || value.startsWith('/') || value.includes('\\') || /^[a-z][a-z0-9+.-]*:/i.test(value)) return false;
  return value.split('/').every((part) => part !== '' && part !== '.' && part !== '..');
}

/**
 * The default date format, as a newspaper writes times: a 24-hour clock on the site's zone, with
 * its abbreviation where it has one (`14:03 MSK`), else the offset (`14:03 UTC+3`).
 */
export const defaultDateFormat: DateFormat = { clock: 24, zone: 'abbreviation', timesIn: 'site' };

/** The config fields of the look settings, from what the schema accepted; `placeOf` gives a setting's place in `site.yaml`. */
export function lookConfigOf(
  input: LookSettingsInput,
  placeOf: (path: readonly (string | number)[]) => SettingPlace,
): Pick<SiteConfig, 'logo' | 'menu' | 'footer' | 'image' | 'head' | 'labels' | 'dateFormat'> {
  const menu = input.menu?.map((entry, index): MenuEntry => {
    if (entry.section !== undefined) return { kind: 'section', section: entry.section, ...(entry.title === undefined ? {} : { title: entry.title }), place: placeOf(['menu', index, 'section']) };
    return { kind: 'link', title: entry.title ?? '', url: entry.url ?? '' };
  });
  const links: NamedLink[] = input.footer?.links?.map(({ title, url }) => ({ title, url })) ?? [];
  return {
    ...(input.logo ? { logo: { src: input.logo.src, ...(input.logo.alt === undefined ? {} : { alt: input.logo.alt }) } } : {}),
    ...(menu ? { menu } : {}),
    ...(input.footer ? { footer: { ...(input.footer.copyright === undefined ? {} : { copyright: input.footer.copyright }), links } } : {}),
    ...(input.image === undefined ? {} : { image: input.image }),
    head: input.head === undefined ? [] : typeof input.head === 'string' ? [input.head] : input.head,
    labels: labelsOf(input.labels ?? {}),
    dateFormat: { ...defaultDateFormat, ...stripUndefined(input.dateFormat ?? {}) },
  };
}

function labelsOf(input: Readonly<Record<string, unknown>>): Partial<Labels> {
  const labels: Record<string, string | PluralText> = {};
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined) continue;
    if ((pluralLabelKeys as readonly string[]).includes(key)) {
      labels[key] = typeof value === 'string' ? { other: value } : (stripUndefined(value as object) as PluralText);
    } else if (typeof value === 'string') {
      labels[key] = value;
    }
  }
  return labels as Partial<Labels>;
}

/** Warnings for keys the nested look settings do not know (a mistyped label key names the nearest one). */
export function unknownLookKeys(source: FrontMatterSource): VFileMessage[] {
  const menu = source.document.get('menu', true);
  const menuCount = isSeq(menu) ? menu.items.length : 0;
  return [
    ...unknownFieldProblems(source, Object.keys(logoShape), 'logo setting', ['logo']),
    ...unknownFieldProblems(source, Object.keys(footerShape), 'footer setting', ['footer']),
    ...unknownFieldProblems(source, Object.keys(dateFormatShape), 'date format setting', ['dateFormat']),
    ...unknownFieldProblems(source, labelKeys, 'label', ['labels']),
    ...Array.from({ length: menuCount }, (_, index) => unknownFieldProblems(source, ['title', 'url', 'section'], 'menu entry setting', ['menu', index])).flat(),
  ];
}

function stripUndefined<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as { [K in keyof T]: Exclude<T[K], undefined> };
}
