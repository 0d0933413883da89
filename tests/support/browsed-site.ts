import path from 'node:path';
import type { Browser } from 'playwright-core';
import { expect } from 'vitest';
import { launchBrowser } from './browser.js';
import { serveStatic } from './checkers/linkchecker.js';
import { fixtureSite, type FixtureSite } from './fixture-site.js';

/** A fixture site built, its output served as a static host serves it, and a Chromium to look at it: where a browser test of the built site starts. */
export interface BrowsedSite {
  readonly site: FixtureSite;
  /** The served site's address, base path included. */
  readonly url: string;
  readonly browser: Browser;
  /** Close the browser and the server, and remove the site. */
  close(): Promise<void>;
}

/** How to build and serve a browsed site. */
export interface BrowseOptions {
  /** The path the output is served under (default `/`). */
  readonly basePath?: string;
  /** What to add to the fixture before it is built (files the inline fixture cannot hold, such as pictures). */
  readonly prepare?: (site: FixtureSite) => Promise<void>;
  /** The static host (default: the link checker's). */
  readonly serve?: (folder: string, basePath: string) => Promise<{ readonly url: string; close(): Promise<void> }>;
}

/** Build the inline fixture `text` (a failed build fails the test, with what it printed), serve its `dist/` and launch Chromium. */
export async function browsedSite(text: string, { basePath = '/', prepare, serve = serveStatic }: BrowseOptions = {}): Promise<BrowsedSite> {
  const site = await fixtureSite(text);
  await prepare?.(site);
  const outcome = await site.build();
  expect(outcome.ok, outcome.lines.join('\n')).toBe(true);
  const server = await serve(path.join(site.dir, 'dist'), basePath);
  const browser = await launchBrowser();
  return {
    site,
    url: server.url,
    browser,
    async close() {
      await browser.close();
      await server.close();
      await site.remove();
    },
  };
}
