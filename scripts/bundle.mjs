// `npm run compile`'s second step: bundle lib/ with rolldown.config.mjs through rolldown's API,
// which prints nothing when it succeeds (the rolldown command lists every file it wrote): the ES
// modules, then the main thread's CommonJS copy beside them. Its warnings and errors are printed,
// coloured only on a terminal and never with NO_COLOR.
import { stripVTControlCharacters } from 'node:util';
import { build } from 'rolldown';
import config, { mainThread } from '../rolldown.config.mjs';

const colour = process.stderr.isTTY === true && !process.env.NO_COLOR;
try {
  await build(config);
  await build(mainThread);
} catch (error) {
  const text = error instanceof Error ? error.message : String(error);
  process.stderr.write(`Could not bundle wiredesk: ${colour ? text : stripVTControlCharacters(text)}\n`);
  process.exitCode = 1;
}
