#!/usr/bin/env node
// The bundle of the compiled sources (`npm run compile`; see rolldown.config.mjs): it starts faster.
import { main, terminalLines } from '../lib/src/bundle/cli.js';

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`wiredesk: ${terminalLines(error instanceof Error ? error.message : String(error))}\n`);
  process.exitCode = 1;
}
