import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runModuleProcess } from '../support/module-process.js';

// A thread that idles off the event loop must hold the process while it ends, even when a result
// of it settles meanwhile: else the loop runs dry under the wait for its exit, and Node stops
// without a word (code 13). Run in a process of its own, from the compiled module: the event loop
// running dry is the whole process's.

const compiled = path.resolve(import.meta.dirname, '../../lib/src/threads/thread-hold.js');

/** Run `body` as an ES module with `holdThread` and an idle thread `worker`: its exit code and output. */
function runModule(body: string): Promise<{ code: number; stdout: string }> {
  const source = `import { Worker } from 'node:worker_threads';
import { holdThread } from ${JSON.stringify(compiled)};
const worker = new Worker("require('node:worker_threads').parentPort.on('message', () => {})", { eval: true, execArgv: [] });
${body}`;
  return runModuleProcess(source);
}

/** Await a result of the thread that settles just as it is ended, then its end. */
const settledWhileEnding = `
let settle;
const result = hold(new Promise((resolve) => (settle = resolve)));
await new Promise((resolve) => setTimeout(resolve, 50));
const ending = end();
settle();
await result;
await ending;
console.log('ended');`;

describe('a thread that holds the process only while it is awaited', () => {
  it('should stop the process silently when a result let go of the thread as it ended (the fault it prevents)', async () => {
    const byHand = `
worker.unref();
const hold = (result) => {
  worker.ref();
  return result.finally(() => worker.unref());
};
const end = () => {
  worker.ref();
  return worker.terminate();
};`;
    expect(await runModule(`${byHand}\n${settledWhileEnding}`)).toEqual({ code: 13, stdout: '' });
  });

  it('should hold the process until the thread has ended, though a result settled meanwhile', async () => {
    const held = 'const thread = holdThread(worker);\nconst hold = thread.hold;\nconst end = thread.end;';
    expect(await runModule(`${held}\n${settledWhileEnding}`)).toEqual({ code: 0, stdout: 'ended\n' });
  });

  it('should not hold the process while the thread idles', async () => {
    expect(await runModule('holdThread(worker);\nsetTimeout(() => console.log("idle"), 20);')).toEqual({ code: 0, stdout: 'idle\n' });
  });
});
