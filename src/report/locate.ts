import { location } from 'vfile-location';
import type { Point } from '../model/article.js';

/** Make a function that turns an offset in `text` into a 1-based line and column. */
export function pointLocator(text: string): (offset: number) => Point {
  const place = location(text);
  return (offset) => {
    const point = place.toPoint(Math.max(0, Math.min(offset, text.length)));
    return point ? { line: point.line, column: point.column } : { line: 1, column: 1 };
  };
}
