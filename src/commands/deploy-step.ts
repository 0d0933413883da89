import { mkdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { readCacheFile, writeCacheFile } from '../store/cache-file.js';
import { runDeployCommand, type DeployResult } from '../deploy/deploy-command.js';
import { changesOutput, combinedManifest, manifestText, type BuildManifest } from '../deploy/manifest.js';
import type { SiteConfig } from '../model/config.js';
import type { Logger } from '../report/logger.js';
import { terminalText } from '../report/terminal-text.js';

/** A build that published the site, as the deploy step sees it. */
export interface PublishedBuild {
  readonly config: SiteConfig;
  /** What this build did to the output folder. */
  readonly manifest: BuildManifest;
}

/** Where the deploy step works: the site's folder, the output folder and the cache folder (all absolute). */
export interface DeployPlaces {
  readonly cwd: string;
  readonly out: string;
  readonly cacheDir: string;
}

/** The file in the cache folder holding what builds changed since the last deploy that succeeded. */
const pendingFile = 'deploy-pending.json';
/** A pending manifest larger than this is not one a build wrote. */
const pendingLimit = 256 * 1024 * 1024;

/**
 * After a build that published the site, with a `deploy` setting: run the command (unless `run`
 * is false, `--no-deploy`) when the output changed since the last deploy that succeeded, handing
 * it every file changed since then. What a build changed is kept in the cache folder until a
 * deploy succeeds, so a failed or skipped deploy is made good by the next. Returns why the
 * command failed (after printing one line saying so), or undefined.
 */
export async function deployStep(build: PublishedBuild, places: DeployPlaces, run: boolean, logger: Logger): Promise<string | undefined> {
  const command = build.config.deploy;
  if (command === undefined) return undefined;
  const pendingPath = path.join(places.cacheDir, pendingFile);
  const pending = readPending(pendingPath);
  const manifest = pending ? combinedManifest(pending, build.manifest) : build.manifest;
  if (!changesOutput(manifest)) return undefined;
  const shownOut = JSON.stringify(path.relative(places.cwd, places.out) || '.');
  if (run) {
    logger.info(`Deploying: ${terminalText(command)}`);
    const result = await runDeployCommand({ command, cwd: places.cwd, out: places.out, baseUrl: build.config.baseUrl, manifest }).catch((error: unknown): DeployResult => ({
      ok: false,
      reason: `it could not start: ${error instanceof Error ? error.message : String(error)}`,
    }));
    if (result.ok) {
      await rm(pendingPath, { force: true }).catch(() => undefined);
      logger.info(`Deployed ${manifest.added.length + manifest.changed.length} changed and ${manifest.removed.length} removed files`);
      return undefined;
    }
    const notKept = keepPending(pendingPath, manifest);
    const next = notKept === undefined ? 'the next build hands it these files again' : `what to deploy could not be kept (${notKept}): deploy the whole output folder`;
    const failure = `The site is published in ${shownOut}, but the deploy command failed (${result.reason}); ${next}`;
    logger.error(failure);
    return failure;
  }
  const notKept = keepPending(pendingPath, manifest);
  if (notKept !== undefined) logger.error(`Could not keep what to deploy (${notKept}): deploy the whole output folder next time`);
  return undefined;
}

/** The manifest of builds not deployed yet, or undefined when there is none (or it is unreadable: then only this build's files are handed over). */
function readPending(file: string): BuildManifest | undefined {
  try {
    const value: unknown = JSON.parse(readCacheFile(file, pendingLimit)?.toString('utf8') ?? 'null');
    return isManifest(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Keep `manifest` as pending: undefined when kept, else why not. */
function keepPending(file: string, manifest: BuildManifest): string | undefined {
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeCacheFile(file, [Buffer.from(manifestText(manifest))]);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

function isManifest(value: unknown): value is BuildManifest {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  const names = (key: string) => Array.isArray(record[key]) && (record[key] as unknown[]).every((entry) => typeof entry === 'string');
  return names('added') && names('changed') && names('removed') && typeof record.unchanged === 'number';
}
