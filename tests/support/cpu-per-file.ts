import { appendFileSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect } from 'vitest';

// A setup file (`--setupFiles tests/support/cpu-per-file.ts`, with WIREDESK_TEST_CPU_LOG=<file>) that
// appends, for each test file, the CPU seconds its worker spent on it: its own threads and the child
// processes it waited for (the CLI, npm, Java, Python and what those waited for), from /proc/self/stat.
// Wall time on a shared machine says little; this says where the suite's work goes.

/** This process's CPU seconds, its own (every thread) and its waited-for children's, from /proc/self/stat. */
function cpuSeconds(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  // The fields after the command name (in parentheses, which may hold spaces): utime is the 14th field, cstime the 17th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = [11, 12, 13, 14].reduce((sum, index) => sum + Number(fields[index] ?? 0), 0);
  return ticks / 100;
}

const log = process.env.WIREDESK_TEST_CPU_LOG;
if (log !== undefined && log !== '') {
  let start = 0;
  let wallStart = 0;
  beforeAll(() => {
    start = cpuSeconds();
    wallStart = Date.now();
  });
  afterAll(() => {
    const file = expect.getState().testPath ?? 'unknown';
    appendFileSync(log, `${(cpuSeconds() - start).toFixed(2)}\t${((Date.now() - wallStart) / 1000).toFixed(1)}\t${file}\n`);
  });
}
