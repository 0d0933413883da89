import { performance } from 'node:perf_hooks';
import type { Progress } from '../report/progress.js';
import type { BuildWork } from './work.js';

/**
 * When `on`, a function that prints how long each phase took since the last call, the CPU time
 * all threads used in it (more than the wall time when threads ran side by side), and the memory
 * in use (to stderr, the progress line taken away first).
 */
export function phaseTimer(on: boolean, progress: Progress): (name: string) => void {
  let last = performance.now();
  let lastCpu = process.cpuUsage();
  return (name) => {
    if (!on) return;
    const now = performance.now();
    const cpu = process.cpuUsage(lastCpu);
    const { rss, heapUsed, heapTotal, external } = process.memoryUsage();
    const mib = (bytes: number) => Math.round(bytes / 1_048_576);
    const cpuMs = (micros: number) => Math.round(micros / 1000);
    progress.clear();
    process.stderr.write(
      `  ${name}: ${Math.round(now - last)} ms (cpu ${cpuMs(cpu.user)} user + ${cpuMs(cpu.system)} sys ms; rss ${mib(rss)} MiB, heap ${mib(heapUsed)} of ${mib(heapTotal)} MiB, external ${mib(external)} MiB)\n`,
    );
    last = now;
    lastCpu = process.cpuUsage();
  };
}

/** Print, after the phase timings, the work the build did (see `BuildWork`), one `field value` pair after another. */
export function printWork(work: BuildWork, progress: Progress): void {
  progress.clear();
  process.stderr.write(
    `  work: ${Object.entries(work)
      .map(([field, value]) => `${field} ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`)
      .join(', ')}\n`,
  );
}
