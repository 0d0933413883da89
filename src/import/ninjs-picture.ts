import { isWebUrl } from './ninjs-body-cleanup.js';
import { type Field, type ReadContext, cleanText, dropped, firstMember, invalid, isMap, listOf, member, members, oneLine, textOf } from './ninjs-fields.js';
import { stringValue } from './ninjs-json.js';
import { reportRepeated } from './ninjs-left-out.js';
import { descriptionOf, optionalHeadlineOf } from './ninjs-texts.js';
import { resizedWidths } from '../media/picture-plan.js';

/** The lead image as front matter: `{src, alt, caption, credit}`, each only when known. */
export type LeadImageFields = Readonly<Partial<Record<'src' | 'alt' | 'caption' | 'credit', string>>>;

/**
 * The item's lead image, from its first association of type `picture` (`associations` is a list
 * in ninjs 2 and 3, a map by name in ninjs 1): `src` from the narrowest rendition with an http(s)
 * `href` at least as wide as a page shows a picture, else the largest (by width × height), `alt` from its headline, `caption` from its `caption` description
 * (else its first description), `credit` from `creditline`, else `by` and `copyrightholder`, else
 * `copyrightnotice`. Undefined when there is no picture or nothing to show of it. The other
 * associations, credit fields that the credit does not include, and a headline or renditions that
 * a picture without a web image cannot show are reported as left out.
 */
export function leadImageOf(context: ReadContext, item: Field): LeadImageFields | undefined {
  const associations = associationsOf(context, item).map((field) => ({ field, type: textOf(context, member(field, 'type')) }));
  const picture = associations.find((association) => association.type?.toLowerCase() === 'picture')?.field;
  for (const { field, type } of associations) {
    if (field === picture) continue;
    const reason =
      type?.toLowerCase() === 'picture' && picture
        ? `is left out: a story keeps one lead picture, \`${picture.pointer}\``
        : `${type === undefined ? 'has no `type`' : `is a \`${type}\``}, not a picture; it is left out: a story takes only its lead picture from \`associations\``;
    dropped(context, field, `${reason} (copy what matters by hand)`);
  }
  if (!picture) return undefined;
  reportRepeated(context, picture);
  const src = renditionHref(context, picture);
  const caption = descriptionOf(context, picture, ['caption'], true, 'caption');
  const headline = optionalHeadlineOf(context, picture);
  const alt = src === undefined ? undefined : (headline ?? caption);
  const headlineField = firstMember(picture, ['headlines', 'headline']);
  if (src === undefined && headline !== undefined && headline !== caption && headlineField) {
    dropped(context, headlineField, 'is left out: it is the alt text of a picture, and this one has no `http(s)` image to show (copy what matters by hand)');
  }
  const credit = creditOf(context, picture);
  const image = {
    ...(src !== undefined ? { src } : {}),
    ...(alt !== undefined ? { alt } : {}),
    ...(caption !== undefined ? { caption } : {}),
    ...(credit !== undefined ? { credit } : {}),
  };
  return Object.keys(image).length > 0 ? image : undefined;
}

/** The associated items, in order, that are maps (others are reported). */
function associationsOf(context: ReadContext, item: Field): Field[] {
  const associations = member(item, 'associations');
  if (!associations) return [];
  const entries =
    associations.node.type === 'object' ? members(associations).map((entry) => entry.field) : listOf(context, associations, 'a list of associated items (or, in ninjs 1, a map of them by name)');
  return (entries ?? []).filter((entry) => isMap(context, entry, 'an associated item (a map with `uri`, `type`, `renditions`…)'));
}

/**
 * The http(s) `href` of the picture's image rendition a page needs: the narrowest at least as wide
 * as the widest a page shows (`resizedWidths`; a wire's 6,000-pixel original only costs readers
 * bytes, and a remote picture is not resized), else the largest by width × height (the first when
 * none has a size).
 */
function renditionHref(context: ReadContext, picture: Field): string | undefined {
  const renditions = member(picture, 'renditions');
  if (!renditions) return undefined;
  const entries = renditions.node.type === 'object' ? members(renditions).map((entry) => entry.field) : listOf(context, renditions, 'a list of renditions (or, in ninjs 1, a map of them by name)');
  let largest: { href: string; area: number } | undefined;
  let wideEnough: { href: string; width: number } | undefined;
  for (const rendition of entries ?? []) {
    if (!isMap(context, rendition, 'a rendition (a map with `href`, `width`, `height`…)')) continue;
    const href = textOf(context, member(rendition, 'href'));
    const type = textOf(context, firstMember(rendition, ['contentType', 'mimetype']));
    if (!isWebUrl(href) || (type !== undefined && !/^image\//i.test(type))) continue;
    const width = dimension(context, member(rendition, 'width'));
    const area = width * dimension(context, member(rendition, 'height'));
    if (!largest || area > largest.area) largest = { href: href.trim(), area };
    if (width >= widestShown && (!wideEnough || width < wideEnough.width)) wideEnough = { href: href.trim(), width };
  }
  if (!largest && (entries ?? []).length > 0) dropped(context, renditions, 'is left out: none of them is an `http(s)` image, so the story shows no picture (copy what matters by hand)');
  return (wideEnough ?? largest)?.href;
}

/** The widest a page shows a lead picture (its largest `srcset` width). */
const widestShown = Math.max(...resizedWidths);

/** A width or height in pixels, 0 when absent; reports one that is not a number. */
function dimension(context: ReadContext, field: Field | undefined): number {
  if (!field) return 0;
  if (field.node.type === 'number' && typeof field.node.value === 'number' && field.node.value >= 0) return field.node.value;
  invalid(context, field, 'a number of pixels');
  return 0;
}

/**
 * The picture's credit line, as the pages show it under the caption; the credit fields whose text
 * it does not include are reported as left out.
 */
function creditOf(context: ReadContext, picture: Field): string | undefined {
  const credit = creditLineOf(context, picture);
  if (credit === undefined) return undefined;
  const shown = credit.toLowerCase();
  for (const name of ['creditline', 'by', 'byline', 'copyrightholder', 'copyrightnotice']) {
    const field = member(picture, name);
    const value = field && stringValue(field.node);
    const text = value === undefined ? undefined : oneLine(cleanText(value));
    if (field && text !== undefined && !shown.includes(text.toLowerCase())) dropped(context, field, `is left out: the picture's credit reads ${JSON.stringify(credit)} (copy what matters by hand)`);
  }
  return credit;
}

/** The picture's credit line: `creditline`, else `by` and `copyrightholder`, else `copyrightnotice`. */
function creditLineOf(context: ReadContext, picture: Field): string | undefined {
  const creditline = oneLine(textOf(context, member(picture, 'creditline')));
  if (creditline !== undefined) return creditline;
  const by = oneLine(textOf(context, firstMember(picture, ['by', 'byline'])));
  const holder = oneLine(textOf(context, member(picture, 'copyrightholder')));
  if (by !== undefined && holder !== undefined) return by.toLowerCase().includes(holder.toLowerCase()) ? by : `${by} / ${holder}`;
  return by ?? holder ?? oneLine(textOf(context, member(picture, 'copyrightnotice')));
}
