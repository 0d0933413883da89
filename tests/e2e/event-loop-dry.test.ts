import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runModuleProcess } from '../support/module-process.js';

// A wait nothing can end (here, a promise nobody settles) stops Node without a word (exit code 13);
// watched with `rejectWhenLoopDry`, it ends with an error the program can say. Run in a process of
// its own, from the compiled module: the event loop running dry is the whole process's.

const compiled = path.resolve(import.meta.dirname, '../../lib/src/io/event-loop-dry.js');

/** Run `body` as an ES module with `rejectWhenLoopDry` imported: its exit code and output. */
function runModule(body: string): Promise<{ code: number; stdout: string }> {
  const source = `import { rejectWhenLoopDry } from ${JSON.stringify(compiled)};\n${body}`;
  return runModuleProcess(source);
}

describe('a wait that nothing can end', () => {
  it('should stop the process silently with code 13 when not watched', async () => {
    expect(await runModule('void rejectWhenLoopDry;\nawait new Promise(() => undefined);\nconsole.log("never");')).toEqual({ code: 13, stdout: '' });
  });

  it('should end with the watch’s error once the event loop runs dry, and not before', async () => {
    const body = `
const { dry, stop } = rejectWhenLoopDry(() => new Error('nothing can answer'));
const never = new Promise(() => undefined);
// A timer still to come: the loop is not dry until it has run.
setTimeout(() => console.log('timer ran'), 50);
try {
  await Promise.race([never, dry]);
} catch (error) {
  console.log(error.message);
} finally {
  stop();
}`;
    expect(await runModule(body)).toEqual({ code: 0, stdout: 'timer ran\nnothing can answer\n' });
  });
});
