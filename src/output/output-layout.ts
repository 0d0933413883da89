import { existsSync } from 'node:fs';
import { acquireLock } from './output-lock.js';
import { openOutputFolder } from './output-folder.js';
import type { ScanAhead } from './output-scan-ahead.js';
import { readJournal, readRecord, stateFolder, stateLockPath, stateMarkerPath } from './output-record.js';
import { matchesRecord } from './output-scan.js';
import type { OutputTarget } from './output-target.js';
import { moveToTrash, openTrees, outputStamp, treesFolder } from './output-trees.js';

/** How the output is laid out: a plain folder updated in place (the default), or a link swapped between two trees (`output.swap`). */
export type OutputLayout = 'folder' | 'swap';

/**
 * Open the output `out` for one build in `layout` (see `openOutputFolder` and `openTrees`), turning
 * the other layout into this one: a plain folder's state goes once the first swap publishes.
 * `trust: false` believes no record of what the output holds; `onWait` hears of a catch-up it waits for;
 * `ahead` is a scan of a plain folder started earlier (see `scanOutputAhead`).
 */
export async function openOutput(out: string, layout: OutputLayout, trust: boolean, onWait?: (pid: number) => void, ahead?: ScanAhead): Promise<OutputTarget> {
  if (layout === 'folder') return openOutputFolder(out, trust, onWait, ahead);
  const state = stateFolder(out);
  const plain = existsSync(stateMarkerPath(state));
  const releasePlain = plain ? await acquireLock(stateLockPath(state), 'build', onWait) : undefined;
  try {
    const trees = await openTrees(out, trust, onWait);
    return {
      out,
      dir: trees.next.dir,
      held: trees.next.files,
      live: trees.live,
      shown: trees.live?.files,
      before: new Set(trees.live?.files.keys() ?? []),
      inPlace: false,
      strays: [],
      altered: [],
      begin: () => Promise.resolve(),
      publish: async (files) => {
        try {
          await trees.publish(files.digests);
          if (plain) await moveToTrash(state, treesFolder(out)).catch(() => undefined);
        } finally {
          releasePlain?.();
        }
        return outputStamp(out);
      },
      abandon: () => {
        trees.abandon();
        releasePlain?.();
      },
    };
  } catch (error) {
    releasePlain?.();
    throw error;
  }
}

/**
 * What tells the publication the output shows now from any other, in `layout`: the output link's
 * stamp (swap), or the record's id of a plain folder that holds exactly what that record says, with
 * no build killed since; undefined when there is none (or the output is in the other layout).
 */
export function currentOutputStamp(out: string, layout: OutputLayout): string | undefined {
  if (layout === 'swap') return outputStamp(out);
  const state = stateFolder(out);
  const record = readJournal(state) ? undefined : readRecord(state);
  return record && matchesRecord(out, record) ? `plain:${record.id}` : undefined;
}
