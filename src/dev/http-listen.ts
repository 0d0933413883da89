import type { Server } from 'node:http';

/** Listen on `firstPort`, or on the next ones while they are in use, and resolve the port bound; `who` names the command in the error (`wiredesk dev`). */
export async function listenOnFreePort(server: Server, host: string, firstPort: number, maxTries: number, who: string): Promise<number> {
  const tries = firstPort === 0 ? 1 : Math.max(1, Math.min(maxTries, 65_536 - firstPort));
  for (let attempt = 0; ; attempt++) {
    const port = firstPort + attempt;
    try {
      await listenOnce(server, host, port);
    } catch (error) {
      if (errorCode(error) === 'EADDRINUSE' && attempt + 1 < tries) continue;
      if (errorCode(error) === 'EADDRINUSE') {
        throw new Error(`${who}: ports ${firstPort}–${port} on ${host} are all in use; choose another port`, { cause: error });
      }
      throw error;
    }
    const address = server.address();
    return typeof address === 'object' && address !== null ? address.port : port;
  }
}

function listenOnce(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => {
      server.off('listening', onListening);
      reject(error);
    };
    const onListening = (): void => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen({ host, port });
  });
}

/** The `code` of a Node.js system error (`EADDRINUSE`, `ENOENT`…), or undefined. */
export function errorCode(error: unknown): unknown {
  return typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
}
