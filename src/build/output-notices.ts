import type { WriteResult } from '../output/write.js';

// What a build says of an output folder that was changed behind its back: files it did not write
// (removed) and files of its own changed or removed since (written again). One line each, naming
// the first files; the rest are counted.

/** How many files a notice names before it counts the rest. */
const namedAtMost = 10;

/** The lines that report strays and altered files of the output `shownOut` (a display path), if any. */
export function outputNotices(written: Pick<WriteResult, 'strays' | 'altered'>, shownOut: string): string[] {
  const folder = JSON.stringify(shownOut);
  const lines: string[] = [];
  if (written.strays.length > 0) lines.push(`Removed ${count(written.strays.length)} from ${folder} that no build wrote: ${listed(written.strays)}`);
  if (written.altered.length > 0) lines.push(`Restored ${count(written.altered.length)} in ${folder} changed or removed since the last build: ${listed(written.altered)}`);
  return lines;
}

function count(files: number): string {
  return `${files} ${files === 1 ? 'file' : 'files'}`;
}

function listed(names: readonly string[]): string {
  const shown = names.slice(0, namedAtMost).join(', ');
  return names.length > namedAtMost ? `${shown} and ${names.length - namedAtMost} more` : shown;
}
