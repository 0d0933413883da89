import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { generateCorpus, writeCorpus, type CorpusBenchOptions, type CorpusFile } from './corpus.js';
import { timeMarkdownStack, storyBody, type MarkdownStackRun } from './markdown-stack.js';
import { builtStories, joined, measure, anyRun, type Check, type Measurement } from './measure-runs.js';
import { hugo, isTool, wiredesk, type BuildTool } from './peers/tools.js';
import { retireScratchDir, scratchDir } from './process-stats.js';

// Where a cold build's time goes against Hugo's, on one generated corpus: the Markdown stack alone on
// every core (the least any build with it can cost), and cold builds of wiredesk and Hugo, taking turns,
// of the corpus as generated and of the same corpus with every body cut to its first paragraph (so that
// almost no Markdown is left, and what remains is the rest of each build). A benchmark, not a test.

/** How to run the cold-budget benchmark. */
export interface ColdBudgetOptions extends CorpusBenchOptions {
  /** Runs of each measurement; medians are reported. */
  readonly runs: number;
}

/** Cold builds of one version of the corpus: wiredesk's, and Hugo's when it is installed. */
export interface CorpusBuilds {
  readonly wiredesk: Measurement;
  readonly hugo?: Measurement;
}

/** Everything measured for one corpus size. */
export interface ColdBudget {
  readonly stories: number;
  readonly runs: number;
  readonly hugoLabel?: string;
  /** Why Hugo was not measured, when it was not. */
  readonly hugoMissing?: string;
  readonly markdown: readonly MarkdownStackRun[];
  readonly threads: number;
  readonly full: CorpusBuilds;
  readonly cut: CorpusBuilds;
}

/** A story file with its body cut to its first paragraph (the front matter kept as it is). */
export function cutBody(text: string): string {
  const body = storyBody(text);
  const first = body.split(/\n[ \t]*\n/).find((block) => block.trim() !== '') ?? '';
  return `${text.slice(0, text.length - body.length)}\n${first.trim()}\n`;
}

/** Cold builds of `tools` in `work`, taking turns run by run, so that a machine that drifts treats them alike. */
async function coldBuilds(
  tools: readonly { readonly tool: BuildTool; readonly check: Check }[],
  runs: number,
  stories: number,
  what: string,
  progress: (line: string) => void,
): Promise<Measurement[]> {
  const results: (Measurement | undefined)[] = tools.map(() => undefined);
  for (let run = 0; run < runs; run++) {
    for (const [index, { tool, check }] of tools.entries()) {
      if (results[index]?.failure !== undefined) continue;
      // A wiredesk build leaves a catch-up behind (see BuildTool.settle): no build of either tool runs beside it.
      for (const other of tools) await other.tool.settle?.();
      const { measurement } = await measure(tool, `cold build (${what}, ${run + 1} of ${runs})`, 1, () => tool.clean(), check, { bench: 'cold-budget', stories, progress });
      const before = results[index];
      results[index] = before ? joined(before, measurement) : measurement;
    }
  }
  for (const { tool } of tools) await tool.clean();
  return results.map((result) => result ?? { wallMs: [], peakRssMb: [] });
}

/** Measure one corpus size: the Markdown stack alone, then the full and the cut corpus built by wiredesk and Hugo. */
async function measureSize(stories: number, options: ColdBudgetOptions): Promise<ColdBudget> {
  const progress = options.progress ?? ((line: string) => process.stderr.write(`${line}\n`));
  const work = await scratchDir('wiredesk-bench-cold-budget-');
  try {
    const files = generateCorpus({ stories, seed: options.seed ?? 42 });
    const markdown: MarkdownStackRun[] = [];
    const bodies = files.map((file) => storyBody(file.text));
    for (let run = 0; run < options.runs; run++) {
      const timed = await timeMarkdownStack(bodies);
      markdown.push(timed);
      progress(`cold-budget ${stories}: Markdown stack alone ${run + 1}/${options.runs}: ${(timed.wallMs / 1000).toFixed(2)} s on ${timed.threadMs.length} threads`);
    }
    const threads = markdown[0]?.threadMs.length ?? 0;
    await writeCorpus(work, files);
    // As in build-speed: Hugo builds no search index, so wiredesk builds none either.
    await writeFile(path.join(work, 'site.yaml'), 'pageSize: 20\nsearch: false\n');
    const peer = await hugo(work);
    const tools = [{ tool: wiredesk(work), check: builtStories(() => stories) }, ...(isTool(peer) ? [{ tool: peer, check: anyRun }] : [])];
    if (!isTool(peer)) progress(`cold-budget ${stories}: ${peer.note}`);
    const builds = (measured: readonly Measurement[]): CorpusBuilds => {
      const [own, hugoBuilds] = measured;
      return { wiredesk: own ?? { wallMs: [], peakRssMb: [] }, ...(hugoBuilds ? { hugo: hugoBuilds } : {}) };
    };
    const full = builds(await coldBuilds(tools, options.runs, stories, 'full stories', progress));
    const cut: CorpusFile[] = files.map((file) => ({ source: file.source, text: cutBody(file.text) }));
    await writeCorpus(work, cut);
    const cutBuilds = builds(await coldBuilds(tools, options.runs, stories, 'bodies cut', progress));
    return {
      stories,
      runs: options.runs,
      ...(isTool(peer) ? { hugoLabel: peer.label } : { hugoMissing: peer.note }),
      markdown,
      threads,
      full,
      cut: cutBuilds,
    };
  } finally {
    await retireScratchDir(work);
  }
}

/** Run the cold-budget benchmark for every size in turn. */
export async function runColdBudget(options: ColdBudgetOptions): Promise<ColdBudget[]> {
  const results: ColdBudget[] = [];
  for (const stories of options.sizes) results.push(await measureSize(stories, options));
  return results;
}
