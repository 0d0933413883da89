import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { lstat, mkdtemp, readFile, rename, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

// One command in a child process, timed from the outside: wall time, CPU time and peak resident memory, read from
// GNU time where the machine has it, else by polling the child's /proc status. Used by the build-speed bench.

/** What a measured command did: its wall time, peak RSS, exit status and output. */
export interface ChildRun {
  readonly wallMs: number;
  /** Peak resident set size in MiB (the largest of the process and the children it waited for), or undefined. */
  readonly peakRssMb: number | undefined;
  /** User plus system CPU time in milliseconds (of the process and the children it waited for), where GNU time reports it. */
  readonly cpuMs: number | undefined;
  readonly exitCode: number | null;
  readonly timedOut: boolean;
  readonly stdout: string;
  readonly stderr: string;
}

/** How to run a measured command. */
export interface ChildOptions {
  readonly cwd: string;
  readonly timeoutMs: number;
  readonly env?: NodeJS.ProcessEnv;
}

const gnuTime = '/usr/bin/time';
const maxOutput = 64 * 1024;
const live = new Set<number>();
const scratchDirs = new Set<string>();

// A bench stopped by Ctrl-C, a signal or an exception must leave no build running and no corpus behind.
process.once('exit', () => {
  for (const pid of live) killGroup(pid);
  for (const dir of scratchDirs) rmSync(dir, { recursive: true, force: true });
});
for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
] as const)
  process.once(signal, () => process.exit(code));

/** Make a temporary folder that is removed when the bench process exits, however it exits. */
export async function scratchDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  scratchDirs.add(dir);
  return dir;
}

/** Remove a folder made by `scratchDir` now. */
export async function removeScratchDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  scratchDirs.delete(dir);
}

/** Make a folder made by `scratchDir` part of the bench's trash (see `moveToBenchTrash`) instead of removing it now. */
export async function retireScratchDir(dir: string): Promise<void> {
  await moveToBenchTrash(dir);
  scratchDirs.delete(dir);
}

let trash: string | undefined;
let trashed = 0;

/**
 * Move a file or folder (a symbolic link itself, not what it points to) into the bench's trash,
 * which is removed when the bench process exits; nothing when it is not there. A timed build must
 * not run soon after tens of thousands of files were deleted: ext4 then skips their inodes when it
 * allocates new ones, reading each one's deletion time, which cost a cold build of 10,000 stories
 * 3 to 5 s of kernel time. Moving a folder aside costs nothing of the kind.
 */
export async function moveToBenchTrash(target: string): Promise<void> {
  try {
    await lstat(target);
  } catch {
    return;
  }
  trash ??= await scratchDir('wiredesk-bench-trash-');
  const aside = path.join(trash, String(trashed++));
  try {
    await rename(target, aside);
  } catch (error) {
    // On another file system: remove it now, as before.
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    await rm(target, { recursive: true, force: true });
  }
}

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** Whether GNU time is there to report a child's peak memory (`/usr/bin/time -f`). */
export function hasGnuTime(): boolean {
  return existsSync(gnuTime);
}

/** The peak RSS (`VmHWM`) of a live process in KiB, or undefined once it is gone. */
function vmHwmKb(pid: number): number | undefined {
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb === undefined ? undefined : Number(kb);
  } catch {
    return undefined;
  }
}

/**
 * Run `command args` to its end (or kill its whole process group after `timeoutMs`) and measure it.
 * Wall time is taken here, around the spawn; peak RSS from GNU time's `%M`, or by polling `/proc`.
 */
export async function runMeasured(command: string, args: readonly string[], options: ChildOptions): Promise<ChildRun> {
  const useTime = hasGnuTime();
  const scratch = useTime ? await scratchDir('wiredesk-bench-time-') : undefined;
  const report = scratch === undefined ? undefined : path.join(scratch, 'time.txt');
  const [file, argv] = report === undefined ? [command, [...args]] : [gnuTime, ['-f', '%e %M %U %S', '-o', report, command, ...args]];
  try {
    const started = performance.now();
    const child = spawn(file, argv, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const pid = child.pid;
    if (pid !== undefined) live.add(pid);
    let [stdout, stderr] = ['', ''];
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      if (stdout.length < maxOutput) stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      if (stderr.length < maxOutput) stderr += chunk;
    });
    let polledKb: number | undefined;
    // Without GNU time, sample the child's high-water mark every 20 ms (it only grows, so the last sample wins).
    const poller =
      report === undefined && pid !== undefined
        ? setInterval(() => {
            polledKb = vmHwmKb(pid) ?? polledKb;
          }, 20)
        : undefined;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      if (pid !== undefined) killGroup(pid);
    }, options.timeoutMs);
    const exitCode = await new Promise<number | null>((resolve) => {
      child.once('error', () => resolve(null));
      child.once('close', (code) => resolve(code));
    });
    const wallMs = performance.now() - started;
    clearTimeout(timer);
    if (poller !== undefined) clearInterval(poller);
    if (pid !== undefined) {
      live.delete(pid);
      killGroup(pid); // anything the build left running in its group
    }
    let peakKb = polledKb;
    let cpuMs: number | undefined;
    if (report !== undefined) {
      const measured = /(\d+(?:\.\d+)?) (\d+) (\d+(?:\.\d+)?) (\d+(?:\.\d+)?)\s*$/.exec(await readFile(report, 'utf8').catch(() => ''));
      peakKb = measured ? Number(measured[2]) : undefined;
      cpuMs = measured ? (Number(measured[3]) + Number(measured[4])) * 1000 : undefined;
    }
    return { wallMs, peakRssMb: peakKb === undefined ? undefined : peakKb / 1024, cpuMs, exitCode, timedOut, stdout, stderr };
  } finally {
    if (scratch !== undefined) await removeScratchDir(scratch);
  }
}
