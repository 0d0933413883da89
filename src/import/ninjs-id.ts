import { createHash } from 'node:crypto';
import path from 'node:path';
import type { DateTime } from '../model/article.js';
import type { ExistingStories } from './imported-story.js';

/** Where an imported item goes: its story id and its folder under the stories folder. */
export interface StoryPlace {
  readonly id: string;
  readonly folder: string;
}

const longestId = 60;

/** Latin letters that lose no accent under NFKD but have a usual ASCII spelling. */
const latinLetters: Readonly<Record<string, string>> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', đ: 'd', ð: 'd', ł: 'l', þ: 'th', ı: 'i' };

/** A name reduced to ASCII id characters: accents dropped, other letters and signs become `-`. */
function asciiSlug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[ßæœøđðłþı]/g, (letter) => latinLetters[letter] ?? '-')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** The first `length` hex digits of the SHA-256 of a ninjs uri. */
function uriHash(uri: string, length: number): string {
  return createHash('sha256').update(uri).digest('hex').slice(0, length);
}

/**
 * The readable id a ninjs uri suggests: the ASCII slug of its last part of at least six id
 * characters (`http://tt.se/media/text/210526-militarovning-a0f2d045` → `210526-militarovning-a0f2d045`,
 * `urn:newsml:apa.at:20240305:APA0123` → `apa0123`; short parts such as a trailing `/en` are
 * skipped), cut to 60 characters at a hyphen; `ninjs-` and 12 hex digits of the uri's SHA-256
 * when no part will do (a uri in another script, say).
 */
export function idFromUri(uri: string): string {
  const parts = uri
    .replace(/^[a-z][a-z0-9+.-]*:(\/\/[^/]*)?/i, '')
    .split(/[/:#?&=;,]+/)
    .map((part) => asciiSlug(safeDecode(part)));
  const chosen = parts.findLast((part) => part.replace(/-/g, '').length >= 6);
  if (chosen === undefined) return `ninjs-${uriHash(uri, 12)}`;
  if (chosen.length <= longestId) return chosen;
  const cut = chosen.slice(0, longestId);
  return cut.includes('-') ? cut.slice(0, cut.lastIndexOf('-')) : cut;
}

/** A percent-encoded uri part decoded, or as it is when it does not decode. */
function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/**
 * The id and folder of an imported item. An item whose uri is already in the stories folder keeps
 * that story's id and folder (so a newer version replaces it). Otherwise the id comes from the uri
 * (`idFromUri`), with 6 (then more) hex digits of the uri's hash appended when another story has
 * it already (`taken` covers those made earlier from the same input); the folder is `YYYY/MM` of
 * the story's date, in the offset it was written in.
 */
export function placeOf(uri: string, date: DateTime, existing: ExistingStories, taken: ReadonlySet<string>): StoryPlace {
  const known = existing.byWireUri(uri);
  if (known) return { id: known.id, folder: folderOf(known.source) };
  const folder = `${date.iso.slice(0, 4)}/${date.iso.slice(5, 7)}`;
  const base = idFromUri(uri);
  const free = (id: string): boolean => !taken.has(id) && existing.byId(id) === undefined;
  if (free(base)) return { id: base, folder };
  for (const length of [6, 12, 64]) {
    const id = `${base}-${uriHash(uri, length)}`;
    if (free(id)) return { id, folder };
  }
  return { id: `${base}-${uriHash(uri, 64)}`, folder };
}

/** The folder of a story file given relative to the stories folder (`''` at the top). */
function folderOf(source: string): string {
  const folder = path.posix.dirname(source);
  return folder === '.' ? '' : folder;
}
