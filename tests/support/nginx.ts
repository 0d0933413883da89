import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** The repo's nginx server block, which the package ships. */
export const repoNginxConf = path.resolve(import.meta.dirname, '../../deploy/nginx.conf');

/** Debian's nginx, which `.ci/run` installs. */
export function nginxBinary(): string {
  const found = ['/usr/sbin/nginx', ...(process.env.PATH ?? '').split(path.delimiter).map((dir) => path.join(dir, 'nginx'))].find((candidate) => existsSync(candidate));
  if (!found) throw new Error('nginx is not installed (`apt-get install nginx`; .ci/run installs it): the nginx test needs the real server');
  return found;
}

/** A running nginx serving a folder with the repo's server block. */
export interface NginxServer {
  /** `http://127.0.0.1:PORT` (no trailing slash). */
  readonly origin: string;
  readonly port: number;
  /** Stop nginx and remove its folder. */
  stop(): Promise<void>;
}

/**
 * The repo's server block set to serve `root` on 127.0.0.1:`port`, the way its comments tell a user
 * to set `listen`, `server_name` and `root` (every edit must find its line: a renamed line fails the test).
 */
export function serverBlockFor(conf: string, root: string, port: number): string {
  const edits: readonly [RegExp, string][] = [
    [/^( *)listen 80;$/m, `$1listen 127.0.0.1:${port};`],
    [/^ *listen \[::\]:80;\n/m, ''],
    [/^( *)server_name news\.example\.com;$/m, '$1server_name localhost;'],
    [/^( *)root \/srv\/news\.example\.com\/dist;$/m, `$1root ${root};`],
  ];
  return edits.reduce((text, [pattern, replacement]) => {
    if (!pattern.test(text)) throw new Error(`deploy/nginx.conf has no line matching ${pattern}`);
    return text.replace(pattern, replacement);
  }, conf);
}

/** A free TCP port on 127.0.0.1. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * Start Debian's nginx in the foreground (`daemon off`) as a child of the test, with its pid,
 * logs and temporary files in a folder of its own, serving `root` (which may be a symbolic link)
 * with the repo's server block, or `serverBlock` (the repo's as edited for a site under a path).
 * Resolves once it answers HTTP; its error log is in the error when it does not.
 */
export async function startNginx(root: string, serverBlock?: string): Promise<NginxServer> {
  const binary = nginxBinary();
  const prefix = await mkdtemp(path.join(os.tmpdir(), 'wiredesk-nginx-'));
  const port = await freePort();
  const block = serverBlockFor(serverBlock ?? (await readFile(repoNginxConf, 'utf8')), root, port);
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((kind) => `    ${kind}_temp_path ${path.join(prefix, kind)};`).join('\n');
  const main = [
    'daemon off;',
    'worker_processes 1;',
    `pid ${path.join(prefix, 'nginx.pid')};`,
    `error_log ${path.join(prefix, 'error.log')} warn;`,
    'events { worker_connections 64; }',
    'http {',
    '    include /etc/nginx/mime.types;',
    '    default_type application/octet-stream;',
    '    access_log off;',
    temp,
    block,
    '}',
    '',
  ].join('\n');
  const confFile = path.join(prefix, 'nginx.conf');
  await writeFile(confFile, main);
  const child = spawn(binary, ['-p', prefix, '-e', path.join(prefix, 'error.log'), '-c', confFile], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const origin = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    await rm(prefix, { recursive: true, force: true });
  };
  try {
    await untilAnswering(origin, child);
  } catch (error) {
    const log = await readFile(path.join(prefix, 'error.log'), 'utf8').catch(() => '');
    await stop();
    throw new Error(`nginx did not start (${(error as Error).message}):\n${stderr}${log}`, { cause: error });
  }
  return { origin, port, stop };
}

/** Wait until `origin` answers HTTP (any status), for at most 10 s or until the process exits. */
async function untilAnswering(origin: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`it exited with code ${child.exitCode}`);
    try {
      await fetch(origin, { redirect: 'manual' });
      return;
    } catch {
      if (Date.now() > deadline) throw new Error('it did not answer within 10 s');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
