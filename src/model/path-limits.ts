import type { VFileMessage } from 'vfile-message';
import { problem } from '../report/problem.js';
import type { Article, Point, Term } from './article.js';
import { permalinkPath } from './permalink.js';
import { filePathOf } from './urls.js';

/** The longest file or folder name a page may get, in bytes of UTF-8: what common file systems allow. */
export const maxNameBytes = 255;
/** The longest path of a page's file inside the output folder, in bytes of UTF-8. */
export const maxPathBytes = 1024;

const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

/**
 * The names a story gives its own page (through `id` and `section` in the permalink) and the
 * pages of its sections, topics and tags that are too long to write: one `path-too-long` error
 * each, at the field that makes the name.
 */
export function pathProblems(article: Article, permalink: string): VFileMessage[] {
  const messages: VFileMessage[] = [];
  const tooLong = (what: string, name: string, place: Point, limit: number) =>
    messages.push(problem('path-too-long', `${what} "${shorten(name)}" is ${bytes(name)} bytes long, expected at most ${limit} (shorten it)`, article.displayPath, place));

  const story = { id: article.id, date: article.date, section: article.section };
  for (const segment of permalink.split('/').filter((part) => part !== '')) {
    const name = filePathOf(permalinkPath(segment, story)).slice(0, -'/index.html'.length);
    if (bytes(name) <= maxNameBytes) continue;
    // Only `:id` and `:section` can make a name long: the date fields are short.
    if (segment.includes(':id')) tooLong('The page folder made from the id', name, article.places.id, maxNameBytes);
    else tooLong('The page folder made from the section', name, article.places.section ?? article.places.id, maxNameBytes);
  }
  const file = filePathOf(article.path);
  if (messages.length === 0 && bytes(file) > maxPathBytes) tooLong('The page file', file, article.places.id, maxPathBytes);

  const terms = (kind: string, list: readonly Term[], places: readonly (Point | undefined)[]) =>
    list.forEach((term, index) => {
      if (bytes(term.slug) > maxNameBytes) tooLong(`The folder of ${kind}`, term.slug, places[index] ?? article.places.id, maxNameBytes);
    });
  if (article.section) terms('section', [article.section], [article.places.section]);
  terms('topic', article.topics, article.places.topics);
  terms('tag', article.tags, article.places.tags);
  return messages;
}

/** A long name cut for a message: its start and its end. */
function shorten(name: string): string {
  return name.length > 60 ? `${name.slice(0, 40)}…${name.slice(-10)}` : name;
}
