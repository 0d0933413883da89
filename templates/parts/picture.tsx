import type { Element } from 'hast';
import type { LeadImage, PictureFile } from '../../src/model/article.js';
import type { ImageUrl } from './image.js';
import { asElement } from './tree.js';

// A copied lead image as the page shows it: a `<picture>` of its resized files (WebP first, then
// its own type) with `srcset` and `sizes`, its intrinsic size on the `<img>` so the page keeps its
// place while it loads, loaded at once above the fold and lazily below it.

/** Where a picture is on its page: `top` (above the fold: loaded first, with high priority) or `below` (loaded lazily). */
export type PicturePlace = 'top' | 'below';

/** How to show a picture: how wide it is on the page (`sizes`), where it is, its class and alt text. */
export interface PictureOptions {
  /** The picture's width on the page as a `sizes` value, e.g. `(min-width: 44rem) 42rem, 100vw`. */
  readonly sizes: string;
  readonly place: PicturePlace;
  readonly alt: string;
  readonly className?: string;
}

/** The width of the file an `<img>` without `srcset` support shows: the resized file closest above it, else the largest. */
const fallbackWidth = 960;

/**
 * A picture with a `src`: a `<picture>` of its resized files when the build made them (a copied
 * JPEG, PNG or WebP), else an `<img>` of its `src` as written (a remote picture, or another type).
 */
export function pictureOf(image: LeadImage & { readonly src: string }, urlOf: ImageUrl, options: PictureOptions): Element {
  const sizes = image.sizes;
  if (sizes === undefined || sizes.resized.length === 0) return asElement(<img class={options.className} src={urlOf(image.src)} alt={options.alt} {...loadingOf(options.place)} />);
  const own = sizes.resized.filter((file) => file.type === sizes.type);
  const webp = sizes.type === 'image/webp' ? [] : sizes.resized.filter((file) => file.type === 'image/webp');
  const shown = own.find((file) => file.width >= fallbackWidth) ?? own[own.length - 1] ?? sizes.thumb;
  return asElement(
    <picture>
      {webp.length === 0 ? null : <source type="image/webp" srcset={srcsetOf(webp, urlOf)} sizes={options.sizes} />}
      <img
        class={options.className}
        src={urlOf(shown.src)}
        srcset={srcsetOf(own, urlOf)}
        sizes={options.sizes}
        width={shown.width}
        height={shown.height}
        alt={options.alt}
        {...loadingOf(options.place)}
      />
    </picture>,
  );
}

/**
 * A card's thumbnail: the picture's thumbnail (twice the card's picture size), with its resized
 * files of its own type in `srcset` for screens that show it larger; loaded lazily. An `<img>` of
 * its `src` when the build made no thumbnail.
 */
export function thumbnailOf(image: LeadImage & { readonly src: string }, urlOf: ImageUrl, alt: string): Element {
  const sizes = image.sizes;
  if (sizes === undefined) return asElement(<img class="thumb" src={urlOf(image.src)} alt={alt} {...loadingOf('below')} />);
  const larger = sizes.resized.filter((file) => file.type === sizes.thumb.type && file.width > sizes.thumb.width);
  return asElement(
    <img
      class="thumb"
      src={urlOf(sizes.thumb.src)}
      srcset={srcsetOf([sizes.thumb, ...larger], urlOf)}
      sizes="6rem"
      width={sizes.thumb.width}
      height={sizes.thumb.height}
      alt={alt}
      {...loadingOf('below')}
    />,
  );
}

/** A `srcset` value: each file's URL and width. */
function srcsetOf(files: readonly PictureFile[], urlOf: ImageUrl): string {
  return files.map((file) => `${urlOf(file.src)} ${file.width}w`).join(', ');
}

function loadingOf(place: PicturePlace): Record<string, string> {
  return place === 'top' ? { fetchpriority: 'high', decoding: 'async' } : { loading: 'lazy', decoding: 'async' };
}
