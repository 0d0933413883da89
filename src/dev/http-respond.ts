import { createReadStream } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { openInside, relativeInside, type OpenedFile, type PinnedFolder } from '../io/open-inside.js';
import { isHtmlContentType } from './content-type.js';
import type { Served } from './site-source.js';

/** How one response is sent: its status, whether it is a HEAD (headers only), the tag injected into HTML, and the folder files must lie in. */
export interface SendOptions {
  readonly status: number;
  readonly head: boolean;
  readonly injectIntoHtml: string;
  /** The only folder a `file` response may be read from, reached without a symbolic link. */
  readonly filesRoot: PinnedFolder;
}

/** Whether a response was sent, or why a file was not (nothing was sent then). */
export type SendOutcome = { readonly sent: true } | { readonly sent: false; readonly reason: string };

const sent: SendOutcome = { sent: true };

/** The headers every dev-server response carries: never cached, never sniffed. */
export const baseHeaders: Readonly<Record<string, string>> = {
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
};

/** Insert `tag` just before the last `</body>` of an HTML document, or at its end when it has none. */
export function injectBeforeBodyEnd(html: string, tag: string): string {
  const bodyEnd = html.toLowerCase().lastIndexOf('</body');
  return bodyEnd === -1 ? html + tag : html.slice(0, bodyEnd) + tag + html.slice(bodyEnd);
}

/** Send a complete body with its `Content-Length`; a HEAD request gets the same headers and no body. */
export function sendBody(res: ServerResponse, status: number, headers: Readonly<Record<string, string>>, body: string | Uint8Array, head: boolean): void {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  res.writeHead(status, { ...baseHeaders, ...headers, 'Content-Length': String(bytes.byteLength) });
  res.end(head ? undefined : bytes);
}

/** Send a short plain-text answer such as `404 Not Found`. */
export function sendText(res: ServerResponse, status: number, text: string, head: boolean, headers: Readonly<Record<string, string>> = {}): void {
  sendBody(res, status, { 'Content-Type': 'text/plain; charset=utf-8', ...headers }, `${text}\n`, head);
}

/**
 * Send what the site serves for a path: bytes as they are, files streamed without following a symbolic link
 * anywhere below `filesRoot`, HTML with the client script injected. Resolves unsent, with the reason, when the
 * file cannot be opened that way as a regular file.
 */
export async function sendServed(res: ServerResponse, served: Served, options: SendOptions): Promise<SendOutcome> {
  const headers = { 'Content-Type': served.contentType };
  const html = isHtmlContentType(served.contentType);
  if (served.kind === 'bytes') {
    const body = html ? injectBeforeBodyEnd(bodyText(served.body), options.injectIntoHtml) : served.body;
    sendBody(res, options.status, headers, body, options.head);
    return sent;
  }
  const file = await openServedFile(served.absolutePath, options.filesRoot);
  if ('reason' in file) return { sent: false, reason: file.reason };
  if (html) {
    try {
      const body = injectBeforeBodyEnd(bodyText(await file.handle.readFile()), options.injectIntoHtml);
      sendBody(res, options.status, headers, body, options.head);
    } finally {
      await file.handle.close();
    }
    return sent;
  }
  res.writeHead(options.status, { ...baseHeaders, ...headers, 'Content-Length': String(file.size) });
  if (options.head) {
    res.end();
    await file.handle.close();
    return sent;
  }
  await pipeline(createReadStream('', { fd: file.handle }), res).catch(() => {
    // The browser went away mid-file, or the file shrank: the response is already cut off, nothing to answer.
  });
  return sent;
}

function bodyText(body: string | Uint8Array): string {
  return typeof body === 'string' ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
}

/** Open a file for reading only if it is a regular file below `root`, reached without a symbolic link anywhere on its way. */
async function openServedFile(absolutePath: string, root: PinnedFolder): Promise<OpenedFile | { readonly reason: string }> {
  const relative = relativeInside(root, absolutePath);
  if (relative === undefined) return { reason: `it lies outside ${root.given}` };
  try {
    return await openInside(root, relative);
  } catch (error) {
    return { reason: error instanceof Error ? error.message : String(error) };
  }
}
