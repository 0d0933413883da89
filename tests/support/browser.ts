import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium, which `.ci/run` installs. */
export const chromiumPath = '/usr/bin/chromium';

/** Launch headless Chromium with the flags this closed network needs (no background connections). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
