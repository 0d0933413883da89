// A model thread (the compiled one, `npm run compile`) that a few stories break as it starts
// them: `kills-thread.md` ends the thread, `hangs.md` never lets it go on. For tests of the pool.
import { parentPort } from 'node:worker_threads';

if (parentPort) {
  const port = parentPort;
  const batches = new Map();
  const post = port.postMessage.bind(port);
  port.postMessage = (message) => {
    post(message);
    const source = 'starting' in message ? batches.get(message.batch)?.[message.starting]?.source : undefined;
    if (source === 'kills-thread.md') process.exit(3);
    if (source === 'hangs.md') for (;;);
  };
  // The real thread listens first (its port takes messages from then on) and models a tick later.
  await import('../../lib/src/threads/model-worker.js');
  port.on('message', (request) => batches.set(request.batch, request.requests));
}
