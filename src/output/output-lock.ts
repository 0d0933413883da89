import { linkSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

// The lock that keeps two processes from changing the same output trees at once. Its file holds
// the holder's pid, and `catch-up` after it when the holder is a tree catch-up (see
// `tree-catch-up.ts`): a build waits for one of those, which is short and does work the build
// would otherwise do itself, but refuses to wait for another build.

/** Who holds the lock: a build (or the dev server) writing a site, or a catch-up linking the other tree. */
export type LockHolder = 'build' | 'catch-up';

/** How long a build waits for a catch-up to finish before it gives up. */
const catchUpWaitMs = 120_000;
const pollMs = 25;

/**
 * Take the lock file `file`, or throw naming the process that holds it. A lock left by a dead
 * process is taken over. A build waits while a catch-up holds the lock (`as: 'build'`); a
 * catch-up never waits (`as: 'catch-up'`): it gives up, by throwing, when anyone holds it.
 * `onWait` hears the pid of each catch-up a build starts waiting for. Resolves to the function
 * that releases the lock.
 */
export async function acquireLock(file: string, as: LockHolder = 'build', onWait?: (pid: number) => void): Promise<() => void> {
  const giveUpAt = Date.now() + catchUpWaitMs;
  let waitingFor: number | undefined;
  for (;;) {
    const taken = tryLock(file, as);
    if (taken.release) return taken.release;
    if (as === 'catch-up' || taken.holder?.as !== 'catch-up' || Date.now() > giveUpAt) throw heldBy(taken.holder?.pid ?? 0, taken.holder?.as ?? 'build', file);
    if (waitingFor !== taken.holder.pid) onWait?.(taken.holder.pid);
    waitingFor = taken.holder.pid;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

/**
 * One attempt: the lock appears with its holder already in it (a private file hard-linked into
 * place), so no other process can ever read it empty and take it for abandoned.
 */
function tryLock(file: string, as: LockHolder): { readonly release?: () => void; readonly holder?: { readonly pid: number; readonly as: LockHolder } } {
  const content = lockContent(process.pid, as);
  // Handed over by the build that started this process (see `handOverLock`): already ours.
  if (readFileOrEmpty(file) === content) return { release: () => releaseLock(file, content) };
  const mine = `${file}.${process.pid}`;
  writeFileSync(mine, content);
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        linkSync(mine, file);
        return { release: () => releaseLock(file, content) };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const holder = holderOf(readFileOrEmpty(file));
        if (isAlive(holder.pid)) return { holder };
        const alive = removeDeadLock(file, holder.pid);
        if (alive) return { holder: alive };
      }
    }
  } finally {
    rmSync(mine, { force: true });
  }
  throw new Error(`Could not lock ${file}`);
}

/** The live process that holds the lock file `file`, if any, and as what. */
export function lockHolder(file: string): { readonly pid: number; readonly as: LockHolder } | undefined {
  const holder = holderOf(readFileOrEmpty(file));
  return isAlive(holder.pid) ? holder : undefined;
}

/**
 * Take the lock file `file` for the catch-up process `pid` (just started, not yet running): so no
 * build can come between this build and the catch-up it starts. False when the lock is taken.
 */
export function handOverLock(file: string, pid: number): boolean {
  const mine = `${file}.${process.pid}`;
  try {
    writeFileSync(mine, lockContent(pid, 'catch-up'));
    linkSync(mine, file);
    return true;
  } catch {
    return false;
  } finally {
    rmSync(mine, { force: true });
  }
}

function lockContent(pid: number, as: LockHolder): string {
  return as === 'catch-up' ? `${pid} catch-up` : String(pid);
}

function holderOf(content: string): { readonly pid: number; readonly as: LockHolder } {
  const [pid, role] = content.trim().split(' ');
  return { pid: Number(pid), as: role === 'catch-up' ? 'catch-up' : 'build' };
}

function heldBy(pid: number, as: LockHolder, file: string): Error {
  const trees = path.dirname(path.dirname(file));
  return as === 'catch-up'
    ? new Error(`A tree catch-up (process ${pid}) is still linking ${trees} after ${catchUpWaitMs / 1000} s; stop it or wait for it to finish`)
    : new Error(`Another build (process ${pid}) is writing ${trees}; wait for it to finish`);
}

/**
 * Remove the lock of a dead `holder`. It is first renamed to a name only this process uses, so
 * that two processes taking over at once cannot both remove it; should the lock renamed turn out
 * to be a live process's (taken between our read and our rename), it is put back and its holder returned.
 */
function removeDeadLock(file: string, holder: number): { readonly pid: number; readonly as: LockHolder } | undefined {
  const taken = `${file}.taken-${process.pid}`;
  try {
    renameSync(file, taken);
  } catch {
    return undefined; // Gone already: another process took it over; try again.
  }
  const found = holderOf(readFileOrEmpty(taken));
  try {
    if (found.pid !== holder && isAlive(found.pid)) {
      linkSync(taken, file);
      return found;
    }
    return undefined;
  } finally {
    rmSync(taken, { force: true });
  }
}

/** Remove the lock, unless it is no longer this holder's. */
function releaseLock(file: string, content: string): void {
  if (readFileOrEmpty(file) === content) rmSync(file, { force: true });
}

function readFileOrEmpty(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** True when another live process may still be working (our own pid's leftovers are stale). */
export function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
