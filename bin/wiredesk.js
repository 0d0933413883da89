#!/usr/bin/env node
// The bundle of the compiled sources (`npm run compile`; see rolldown.config.mjs): it starts faster,
// and faster again with the code V8 compiled at an earlier start (see src/boot/run.ts).
import { runCli } from '../lib/src/bundle/boot.js';

process.exitCode = await runCli(process.argv.slice(2));
