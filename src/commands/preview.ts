import { statSync } from 'node:fs';
import path from 'node:path';
import { resolveConfig } from '../config.js';
import { openBrowser } from '../dev/open-browser.js';
import { formatReport } from '../report/format.js';
import { consoleLogger, type Logger } from '../report/logger.js';
import { defaultPreviewPort, startStaticHost } from '../preview/static-host.js';

/** What `wiredesk preview` is asked to do: which output to serve, with which settings, and where. */
export interface PreviewOptions {
  readonly cwd?: string | undefined;
  /** The output folder (default `dist`). */
  readonly out?: string | undefined;
  readonly config?: string | undefined;
  readonly baseUrl?: string | undefined;
  readonly port?: number | undefined;
  readonly host?: string | undefined;
  /** Host names the preview answers to besides `localhost`, IP addresses and `host` (`.example.com`: it and every name below). */
  readonly allowedHosts?: readonly string[] | undefined;
  readonly open?: boolean | undefined;
  readonly logger?: Logger | undefined;
}

/** A running preview of the built site: its address, and a way to stop it. */
export interface PreviewSession {
  readonly url: string;
  close(): Promise<void>;
}

/** The preview started, or why not: `refused` (exit 2, nothing to serve) or `failed` (exit 1, settings in error). */
export type PreviewOutcome = { readonly session: PreviewSession } | { readonly refused: string } | { readonly failed: string };

/** Serve the built output folder under the site's base path, as a static host would. */
export async function preview(options: PreviewOptions = {}): Promise<PreviewOutcome> {
  const cwd = options.cwd ?? process.cwd();
  const logger = options.logger ?? consoleLogger;
  const given = options.out ?? 'dist';
  const outDir = path.resolve(cwd, given);
  if (!isFolder(outDir)) {
    const refused = `Nothing to preview in ${JSON.stringify(given)}: run wiredesk build first`;
    logger.error(refused);
    return { refused };
  }
  const resolved = await resolveConfig(options.config, { baseUrl: options.baseUrl }, cwd);
  const text = formatReport(resolved.messages);
  if (text) logger.error(text);
  if (!resolved.config) return { failed: 'the settings have errors' };

  const host = await startStaticHost({ outDir, basePath: resolved.config.basePath, host: options.host, allowedHosts: options.allowedHosts, port: options.port, logger });
  const asked = options.port ?? defaultPreviewPort;
  logger.info(`wiredesk preview: serving ${given} at ${host.url}${host.port !== asked && asked !== 0 ? ` (port ${asked} was taken)` : ''}, press Ctrl-C to stop`);
  if (options.open) openBrowser(host.url);
  return { session: { url: host.url, close: () => host.close() } };
}

function isFolder(folder: string): boolean {
  try {
    return statSync(folder).isDirectory();
  } catch {
    return false;
  }
}
