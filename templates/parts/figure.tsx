import type { Element } from 'hast';
import type { LeadImage } from '../../src/model/article.js';
import type { ImageUrl } from './image.js';
import { pictureOf, thumbnailOf } from './picture.js';
import { asElement } from './tree.js';

/** The text an image's `alt` falls back to: the author's alt, else the caption, else nothing. */
export function altOf(image: LeadImage): string {
  return image.alt ?? image.caption ?? '';
}

/** The story's lead picture's width on its page, as a `sizes` value: the text column, or the screen less its margins. */
const storyPictureSizes = '(min-width: 44rem) 42rem, calc(100vw - 2rem)';

/**
 * A lead image as `<figure>`: the picture, with its caption and credit when it has them. A caption
 * or credit without a picture is a plain credit line (`<p class="picture-credit">`), never an empty
 * frame; nothing when there is neither picture nor text. On a page (`in` omitted) the picture is
 * the one at the top of the story (see `pictureOf`); in a `feed`, one `<img>` of the picture as
 * copied, with its intrinsic size, as feed readers show one picture.
 */
export function leadFigure(image: LeadImage | undefined, urlOf: ImageUrl, where: 'page' | 'feed' = 'page'): Element | undefined {
  if (!image || (image.src === undefined && !hasCaption(image))) return undefined;
  if (image.src === undefined) return asElement(<p class="picture-credit">{captionAndCredit(image)}</p>);
  const alt = altOf(image);
  const picture =
    where === 'page' ? (
      pictureOf({ ...image, src: image.src }, urlOf, { sizes: storyPictureSizes, place: 'top', alt })
    ) : (
      <img src={urlOf(image.src)} alt={alt} width={image.sizes?.width} height={image.sizes?.height} />
    );
  return asElement(
    <figure class="lead-figure">
      {picture}
      {hasCaption(image) ? <figcaption>{captionAndCredit(image)}</figcaption> : null}
    </figure>,
  );
}

/** True when an image has a caption or a credit to show. */
export function hasCaption(image: LeadImage): boolean {
  return image.caption !== undefined || image.credit !== undefined;
}

/** An image's caption and its credit (`<span class="credit">`), ready to put in a caption element. */
export function captionAndCredit(image: LeadImage): (string | Element)[] {
  const parts: (string | Element)[] = [];
  if (image.caption !== undefined) parts.push(image.caption);
  if (image.caption !== undefined && image.credit !== undefined) parts.push(' ');
  if (image.credit !== undefined) parts.push(asElement(<span class="credit">{image.credit}</span>));
  return parts;
}

/** A small thumbnail of a story's lead image for teaser cards, when it has a picture (see `thumbnailOf`). */
export function thumbnail(image: LeadImage | undefined, urlOf: ImageUrl): Element | undefined {
  if (image?.src === undefined) return undefined;
  return thumbnailOf({ ...image, src: image.src }, urlOf, altOf(image));
}
