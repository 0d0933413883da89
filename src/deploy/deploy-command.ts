import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { manifestText, type BuildManifest } from './manifest.js';

/** A deploy command to run, and what it is told. */
export interface DeployRun {
  /** The command of the `deploy` setting: the site owner's, run through the shell as written. */
  readonly command: string;
  /** The site's folder: the command runs there. */
  readonly cwd: string;
  /** The output folder, absolute. */
  readonly out: string;
  readonly baseUrl: string;
  /** What the builds since the last deploy did to the output folder. */
  readonly manifest: BuildManifest;
}

/** How a deploy command ended: with exit code 0, or not (and why, in a few words). */
export type DeployResult = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/**
 * Run the deploy command through the shell in the site's folder, its output going to this
 * process's terminal, with `WIREDESK_OUT` (the output folder), `WIREDESK_MANIFEST` (a file holding
 * the manifest as JSON, removed afterwards) and `WIREDESK_BASE_URL` in its environment.
 */
export async function runDeployCommand(run: DeployRun): Promise<DeployResult> {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'wiredesk-deploy-'));
  try {
    const manifestFile = path.join(folder, 'manifest.json');
    await writeFile(manifestFile, manifestText(run.manifest));
    const env = { ...process.env, WIREDESK_OUT: run.out, WIREDESK_MANIFEST: manifestFile, WIREDESK_BASE_URL: run.baseUrl };
    return await new Promise<DeployResult>((resolve) => {
      const child = spawn(run.command, { cwd: run.cwd, shell: true, stdio: 'inherit', env });
      child.once('error', (error) => resolve({ ok: false, reason: `it could not start: ${error.message}` }));
      child.once('exit', (code, signal) => resolve(code === 0 ? { ok: true } : { ok: false, reason: signal ? `killed by ${signal}` : `exit code ${code}` }));
    });
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
