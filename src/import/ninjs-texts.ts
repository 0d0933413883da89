import { htmlToText } from './ninjs-body.js';
import { type Field, type ReadContext, isMap, listOf, member, missing, oneLine, textOf } from './ninjs-fields.js';
import { type Candidate, memberCandidates, reportLeftOut } from './ninjs-left-out.js';

/** One entry of a ninjs 2/3 `headlines`, `descriptions` or `bodies` list. */
interface Variant {
  readonly field: Field;
  readonly value: string;
  readonly role?: string;
  readonly contentType?: string;
}

/** A body to convert: HTML or plain text, with the field it came from. */
export interface BodySource {
  readonly kind: 'html' | 'text';
  readonly value: string;
  readonly field: Field;
}

/** True for a content type that is HTML or XHTML (`text/html`, `application/xhtml+xml`, `…_xhtml`). */
function isHtml(contentType: string | undefined): boolean {
  return contentType !== undefined && /html/i.test(contentType);
}

/** True for a content type that is plain text, or none (the provider's default). */
function isPlain(contentType: string | undefined): boolean {
  return contentType === undefined || /^text\/plain\b/i.test(contentType);
}

/** Read a ninjs 2/3 list of `{value, role, contentType}` maps, reporting entries of the wrong shape. */
function variantsOf(context: ReadContext, list: Field): Variant[] {
  const entries = listOf(context, list, 'a list of maps with `value`, `role` and `contentType`') ?? [];
  return entries.flatMap((entry) => {
    if (!isMap(context, entry, 'a map with `value`, `role` and `contentType`')) return [];
    const value = textOf(context, member(entry, 'value'));
    const role = textOf(context, member(entry, 'role'));
    const contentType = textOf(context, member(entry, 'contentType'));
    if (value === undefined) return [];
    return [{ field: entry, value, ...(role !== undefined ? { role: role.toLowerCase() } : {}), ...(contentType !== undefined ? { contentType } : {}) }];
  });
}

/** True for a body variant to read as HTML: an HTML content type, or none and a value that starts with a tag. */
function isHtmlBody(variant: Variant): boolean {
  return isHtml(variant.contentType) || (variant.contentType === undefined && /^<[a-z!]/i.test(variant.value));
}

/** A variant as a candidate for a story field, its text without markup. */
function candidate(variant: Variant, html = isHtml(variant.contentType)): Candidate {
  return { field: variant.field, text: () => (html ? htmlToText(variant.value) : variant.value) };
}

/** A variant's text as plain text on one line (HTML variants lose their markup). */
function plainLine(variant: Variant): string | undefined {
  return oneLine(isHtml(variant.contentType) ? htmlToText(variant.value) : variant.value);
}

/** The first variant whose role is one of `roles`, else (when `fallback`) the first one. */
function byRole(variants: readonly Variant[], roles: readonly string[], fallback: boolean): Variant | undefined {
  for (const role of roles) {
    const found = variants.find((variant) => variant.role === role);
    if (found) return found;
  }
  return fallback ? variants[0] : undefined;
}

/**
 * The item's headline: ninjs 2/3 `headlines` (role `main` first, else the first), or ninjs 1
 * `headline`; reports an item with neither.
 */
export function headlineOf(context: ReadContext, item: Field): string | undefined {
  const problemsBefore = context.problems.length;
  const title = optionalHeadlineOf(context, item);
  if (title !== undefined || context.problems.length > problemsBefore) return title;
  return missing(context, item, 'has no headline, expected `headlines: [{"role": "main", "value": "…"}]` (ninjs 2 and 3) or `headline` (ninjs 1)');
}

/** The headline of an item that need not have one (a picture), as `headlineOf` finds it; the other headlines are reported as left out unless they repeat it. */
export function optionalHeadlineOf(context: ReadContext, item: Field): string | undefined {
  const fields = memberCandidates(item, ['headlines', 'headline']);
  const [first] = fields;
  const none = 'a story takes its headline from `headlines`';
  if (first?.field.node.type !== 'array') {
    const title = oneLine(textOf(context, first?.field, 'text, or a list of `{value, role}` maps'));
    if (title !== undefined) reportLeftOut(context, fields, first, 'one headline', none);
    return title;
  }
  const variants = variantsOf(context, first.field);
  const chosen = byRole(variants, ['main'], true);
  const taken = chosen && candidate(chosen);
  reportLeftOut(
    context,
    variants.map((variant) => candidate(variant)),
    taken,
    'one headline',
    none,
  );
  reportLeftOut(context, fields.slice(1), taken && { field: first.field, text: taken.text }, 'one headline', none);
  return chosen && plainLine(chosen);
}

/**
 * A description of the item with one of `roles` (ninjs 2/3 `descriptions`), or ninjs 1
 * `description_text` / `description_html`; with `fallback`, any first description will do. The
 * descriptions not taken are reported as left out (`what` the story takes: "summary", "caption"),
 * unless they say the same as the one taken.
 */
export function descriptionOf(context: ReadContext, item: Field, roles: readonly string[], fallback: boolean, what: string): string | undefined {
  const fields = memberCandidates(item, ['descriptions', 'description_text', 'description_html']);
  const list = member(item, 'descriptions');
  const keeps = `one ${what}`;
  if (list) {
    const variants = variantsOf(context, list);
    const chosen = byRole(
      variants.filter((variant) => isPlain(variant.contentType) || isHtml(variant.contentType)),
      roles,
      fallback,
    );
    const taken = chosen && candidate(chosen);
    const none = `a story takes only a description with role ${roles.map((role) => `\`${role}\``).join(' or ')} as its ${what}`;
    reportLeftOut(
      context,
      variants.map((variant) => candidate(variant)),
      taken,
      keeps,
      none,
    );
    const rest = fields.filter((field) => field.field.node !== list.node);
    reportLeftOut(context, rest, taken && { field: list, text: taken.text }, keeps, none);
    return chosen && plainLine(chosen);
  }
  const [textField] = memberCandidates(item, ['description_text']);
  const text = textOf(context, textField?.field);
  const [htmlField] = text === undefined ? memberCandidates(item, ['description_html']) : [];
  const html = textOf(context, htmlField?.field);
  const taken = text !== undefined ? textField : html !== undefined ? htmlField : undefined;
  if (taken) reportLeftOut(context, fields, taken, keeps, '');
  return text !== undefined ? oneLine(text) : html === undefined ? undefined : oneLine(htmlToText(html));
}

/**
 * The body to convert: ninjs 2/3 `bodies` (the first HTML one, else the first plain-text one; a
 * value without content type counts as HTML when it starts with a tag), or ninjs 1 `body_html`,
 * `body_xhtml`, then `body_text`. Undefined when the item has no body (a flash, a picture). The
 * bodies not taken are reported as left out, unless they hold the same text.
 */
export function bodyOf(context: ReadContext, item: Field): BodySource | undefined {
  const fields = memberCandidates(item, ['bodies', 'body_html', 'body_xhtml', 'body_text']);
  const list = member(item, 'bodies');
  if (list) {
    const variants = variantsOf(context, list);
    const html = variants.find(isHtmlBody);
    const chosen = html ?? variants.find((variant) => isPlain(variant.contentType));
    const taken = chosen && candidate(chosen, chosen === html);
    const none = 'a story takes only an HTML or plain-text body';
    reportLeftOut(
      context,
      variants.map((variant) => candidate(variant, isHtmlBody(variant))),
      taken,
      'one body',
      none,
    );
    const rest = fields.filter((field) => field.field.node !== list.node);
    reportLeftOut(context, rest, taken && { field: list, text: taken.text }, 'one body', none);
    return chosen && { kind: chosen === html ? 'html' : 'text', value: chosen.value, field: chosen.field };
  }
  const [htmlField] = memberCandidates(item, ['body_html', 'body_xhtml']);
  const html = textOf(context, htmlField?.field);
  const [textField] = html === undefined ? memberCandidates(item, ['body_text']) : [];
  const text = textOf(context, textField?.field);
  const taken = html !== undefined ? htmlField : text !== undefined ? textField : undefined;
  if (taken) reportLeftOut(context, fields, taken, 'one body', '');
  if (html !== undefined && htmlField) return { kind: 'html', value: html, field: htmlField.field };
  return text === undefined || !textField ? undefined : { kind: 'text', value: text, field: textField.field };
}
