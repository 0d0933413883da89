import type { ColdBudget, CorpusBuilds } from './cold-budget.js';
import type { Measurement } from './measure-runs.js';
import { count, median, seconds } from './peers/build-speed-report.js';

// The cold-budget benchmark's report: the cold builds of both corpora side by side with their CPU time,
// what the bodies cost each tool, the Markdown stack alone, and the budget that leaves wiredesk.

const ratio = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined || b <= 0 ? '—' : `${(a / b).toFixed(2)}×`);

function wall(measurement: Measurement | undefined): number | undefined {
  return measurement && median(measurement.wallMs);
}

function cpu(measurement: Measurement | undefined): number | undefined {
  return measurement?.cpuMs && median(measurement.cpuMs);
}

/** A build's cell: median wall time, median CPU time, and a ⚠ when a run failed. */
function cell(measurement: Measurement | undefined, failures: string[], what: string): string {
  if (!measurement) return '—';
  if (measurement.failure !== undefined) failures.push(`- ⚠ ${what}: ${measurement.failure}`);
  const time = wall(measurement);
  if (time === undefined) return 'failed ⚠';
  const used = cpu(measurement);
  return `${seconds(time)}${used === undefined ? '' : ` (CPU ${seconds(used)})`}${measurement.failure === undefined ? '' : ' ⚠'}`;
}

function difference(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined || b === undefined ? undefined : a - b;
}

function rows(result: ColdBudget, failures: string[]): string[] {
  const label = result.hugoLabel ?? 'Hugo';
  const line = (what: string, builds: CorpusBuilds) =>
    `| ${count(result.stories)} | ${what} | ${cell(builds.wiredesk, failures, `${count(result.stories)} stories, ${what}, wiredesk`)} | ${cell(builds.hugo, failures, `${count(result.stories)} stories, ${what}, ${label}`)} | ${ratio(wall(builds.wiredesk), wall(builds.hugo))} |`;
  const own = difference(wall(result.full.wiredesk), wall(result.cut.wiredesk));
  const theirs = difference(wall(result.full.hugo), wall(result.cut.hugo));
  return [
    line('full stories', result.full),
    line('bodies cut to their first paragraph', result.cut),
    `| ${count(result.stories)} | the difference: what the rest of the bodies cost | ${seconds(own)} | ${seconds(theirs)} | ${ratio(own, theirs)} |`,
  ];
}

/** What the figures of one size say about the goal: the Markdown stack's share of Hugo's time, and what that leaves. */
function budget(result: ColdBudget): string[] {
  const markdown = median(result.markdown.map((run) => run.wallMs));
  const perBody = median(result.markdown.flatMap((run) => run.threadMs.map((ms) => (ms * run.threadMs.length) / result.stories)));
  const lines = [
    `- ${count(result.stories)} stories: the Markdown stack alone (remark-parse → remark-rehype → rehype-stringify, every body, nothing else) takes ${seconds(markdown)} on ${result.threads} threads (${perBody === undefined ? '—' : perBody.toFixed(2)} ms a body on each).`,
  ];
  const hugoFull = wall(result.full.hugo);
  const cutOwn = wall(result.cut.wiredesk);
  if (hugoFull !== undefined && markdown !== undefined) {
    const left = hugoFull - markdown;
    lines.push(
      `  To build faster than ${result.hugoLabel ?? 'Hugo'} (${seconds(hugoFull)}), everything else a wiredesk build does must fit in ${seconds(left)}; with the bodies cut to a paragraph, wiredesk alone takes ${seconds(cutOwn)} (${ratio(cutOwn, left)} that budget), and ${result.hugoLabel ?? 'Hugo'} ${seconds(wall(result.cut.hugo))}.`,
    );
  } else if (result.hugoMissing !== undefined) lines.push(`  ${result.hugoMissing}`);
  return lines;
}

/** The report: one table of cold builds for every size, then the Markdown stack alone and the budget it leaves. */
export function formatColdBudget(results: readonly ColdBudget[]): string {
  const runs = results[0]?.runs ?? 0;
  const failures: string[] = [];
  const lines = [
    `Median of ${runs} cold build${runs === 1 ? '' : 's'} each, the tools taking turns; wall time of the whole command (user + system CPU time).`,
    '',
    `| stories | corpus | wiredesk | ${results.find((result) => result.hugoLabel)?.hugoLabel ?? 'Hugo'} | wiredesk / Hugo |`,
    '|---:|---|---:|---:|---:|',
    ...results.flatMap((result) => rows(result, failures)),
  ];
  if (failures.length > 0) lines.push('', ...failures);
  lines.push('', ...results.flatMap(budget));
  return lines.join('\n');
}
