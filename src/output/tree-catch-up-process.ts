import { catchUpTree } from './tree-catch-up.js';

// The detached process a build starts to bring the output tree it left behind up to date (see
// `startTreeCatchUp`). Nobody reads its output: whatever goes wrong, the next build still finds
// a tree without a record and empties it.

const out = process.argv[2];
if (out) await catchUpTree(out).catch(() => undefined);
