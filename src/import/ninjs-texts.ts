import { htmlToText } from './ninjs-body.js';
import { type Field, type ReadContext, firstMember, isMap, listOf, member, missing, oneLine, textOf } from './ninjs-fields.js';

/** One entry of a ninjs 2/3 `headlines`, `descriptions` or `bodies` list. */
interface Variant {
  readonly value: string;
  readonly role?: string;
  readonly contentType?: string;
}

/** A body to convert: HTML or plain text, with the field it came from. */
export interface BodySource {
  readonly kind: 'html' | 'text';
  readonly value: string;
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
    return [{ value, ...(role !== undefined ? { role: role.toLowerCase() } : {}), ...(contentType !== undefined ? { contentType } : {}) }];
  });
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

/** The headline of an item that need not have one (a picture), as `headlineOf` finds it. */
export function optionalHeadlineOf(context: ReadContext, item: Field): string | undefined {
  const list = firstMember(item, ['headlines', 'headline']);
  if (list?.node.type !== 'array') return oneLine(textOf(context, list, 'text, or a list of `{value, role}` maps'));
  const chosen = byRole(variantsOf(context, list), ['main'], true);
  return chosen && plainLine(chosen);
}

/**
 * A description of the item with one of `roles` (ninjs 2/3 `descriptions`), or ninjs 1
 * `description_text` / `description_html`; with `fallback`, any first description will do.
 */
export function descriptionOf(context: ReadContext, item: Field, roles: readonly string[], fallback: boolean): string | undefined {
  const list = member(item, 'descriptions');
  if (list) {
    const variants = variantsOf(context, list).filter((variant) => isPlain(variant.contentType) || isHtml(variant.contentType));
    const chosen = byRole(variants, roles, fallback);
    return chosen && plainLine(chosen);
  }
  const text = textOf(context, member(item, 'description_text'));
  if (text !== undefined) return oneLine(text);
  const html = textOf(context, member(item, 'description_html'));
  return html === undefined ? undefined : oneLine(htmlToText(html));
}

/**
 * The body to convert: ninjs 2/3 `bodies` (the first HTML one, else the first plain-text one; a
 * value without content type counts as HTML when it starts with a tag), or ninjs 1 `body_html`,
 * `body_xhtml`, then `body_text`. Undefined when the item has no body (a flash, a picture).
 */
export function bodyOf(context: ReadContext, item: Field): BodySource | undefined {
  const list = member(item, 'bodies');
  if (list) {
    const variants = variantsOf(context, list);
    const html = variants.find((variant) => isHtml(variant.contentType) || (variant.contentType === undefined && /^<[a-z!]/i.test(variant.value)));
    if (html) return { kind: 'html', value: html.value };
    const text = variants.find((variant) => isPlain(variant.contentType));
    return text && { kind: 'text', value: text.value };
  }
  const html = textOf(context, firstMember(item, ['body_html', 'body_xhtml']));
  if (html !== undefined) return { kind: 'html', value: html };
  const text = textOf(context, member(item, 'body_text'));
  return text === undefined ? undefined : { kind: 'text', value: text };
}
