import type { PictureSizes } from './article.js';

/**
 * What the build found of a picture in the stories folder before the stories are modelled: its
 * sizes (see `PictureSizes`), or why it could not be read (a corrupt or truncated file, say).
 */
export type LocalPicture = { readonly kind: 'sized'; readonly sizes: PictureSizes } | { readonly kind: 'unreadable'; readonly reason: string };

/** Extensions of the pictures the build resizes (JPEG, PNG, WebP), lower-case. */
export const resizedExtensions: ReadonlySet<string> = new Set(['.jpg', '.jpeg', '.png', '.webp']);
