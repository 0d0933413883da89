#!/usr/bin/env node
import { main } from '../lib/src/cli.js';

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`wiredesk: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
