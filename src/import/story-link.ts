import path from 'node:path';

/** The Markdown link target from a story in `fromFolder` to the story file `targetSource` (both relative to the stories folder). */
export function storyLinkTarget(fromFolder: string, targetSource: string): string {
  return path.posix.relative(fromFolder === '' ? '.' : fromFolder, targetSource);
}

/** A headline reduced for matching: case, dash style, quote style and spacing ignored. */
export function headlineKey(title: string): string {
  return title
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2010-\u2015\u2212-]+/g, '-')
    .replace(/[\u2018\u2019\u201A\u201B\u2032`]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033«»]/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
}
