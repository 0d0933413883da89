import { statSync } from 'node:fs';
import path from 'node:path';

/** Why the stories folder cannot be built or previewed (it is missing or not a folder), or undefined when it is there. */
export function missingStoriesFolder(stories: string | undefined, cwd: string): string | undefined {
  const shown = stories ?? 'stories';
  const stat = statSync(path.resolve(cwd, shown), { throwIfNoEntry: false });
  if (stat?.isDirectory() === true) return undefined;
  const what = stat === undefined ? `No stories folder "${shown}" here` : `"${shown}" is not a folder`;
  return `${what}: run wiredesk in a site's folder, or pass --stories DIR`;
}
