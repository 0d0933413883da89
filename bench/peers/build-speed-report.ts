import type { Measurement, SizeResult, ToolResult } from '../build-speed.js';
import { htmlPages, pageKindLabels, pageKinds, type PageCounts, type PageKind } from './count-pages.js';

// The build-speed benchmark's report: one table of times and memory, the wiredesk/peer ratios, and the
// page counts of every tool side by side with the differences explained.

/** The median of the defined values (the mean of the middle two for an even count), or undefined. */
export function median(values: readonly (number | undefined)[]): number | undefined {
  const sorted = values.filter((value): value is number => value !== undefined).sort((a, b) => a - b);
  if (sorted.length === 0) return undefined;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Milliseconds as seconds for a table: two decimals below 10 s, one above; — when unknown. */
export function seconds(ms: number | undefined): string {
  return ms === undefined ? '—' : ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${(ms / 1000).toFixed(2)} s`;
}

function mib(value: number | undefined): string {
  return value === undefined ? '—' : `${Math.round(value)} MiB`;
}

/** A measurement's median time, with its median peak memory when `withRss`; ⚠ and a note when a run failed. */
function cell(measurement: Measurement | undefined, withRss: boolean, note: (failure: string) => void): string {
  if (!measurement) return '—';
  if (measurement.failure !== undefined) note(measurement.failure);
  const time = median(measurement.wallMs);
  if (time === undefined) return 'failed ⚠';
  const rss = withRss ? ` (${mib(median(measurement.peakRssMb))})` : '';
  return `${seconds(time)}${rss}${measurement.failure === undefined ? '' : ` ⚠ ${measurement.wallMs.length} run${measurement.wallMs.length === 1 ? '' : 's'}`}`;
}

/** A count with thousands separators (`10,000`). */
export const count = (value: number) => value.toLocaleString('en');

function timesTable(results: readonly SizeResult[]): string[] {
  const lines = [
    '| stories | tool | cold build | stories/s | peak RSS (cold) | no-change rebuild | one-story edit | publish one story | HTML pages | feeds |',
    '|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  const failures: string[] = [];
  for (const result of results) {
    for (const tool of result.tools) {
      const noted = (what: string) => (failure: string) => failures.push(`- ⚠ ${count(result.stories)} stories, ${tool.label}, ${what}: ${failure}`);
      const cold = median(tool.cold.wallMs);
      const rate = cold === undefined ? '—' : count(Math.round(result.stories / (cold / 1000)));
      const [pages, feeds] = tool.counts ? [count(htmlPages(tool.counts)), count(tool.counts.feed)] : ['—', '—'];
      const cells = [
        cell(tool.cold, false, noted('cold build')),
        rate,
        mib(median(tool.cold.peakRssMb)),
        cell(tool.noChange, true, noted('no-change rebuild')),
        cell(tool.edit, true, noted('one-story edit')),
        cell(tool.publish, true, noted('publish one story')),
        pages,
        feeds,
      ];
      lines.push(`| ${count(result.stories)} | ${tool.label} | ${cells.join(' | ')} |`);
    }
  }
  return failures.length > 0 ? [...lines, '', ...failures] : lines;
}

/** `a / b` as a ratio for a table (`1.23×`), or — when either is unknown. */
function ratio(a: number | undefined, b: number | undefined): string {
  return a === undefined || b === undefined || b === 0 ? '—' : `${(a / b).toFixed(2)}×`;
}

/** Wiredesk's results of one size (one per setting), and the peers'. */
function split(result: SizeResult): { readonly own: readonly ToolResult[]; readonly peers: readonly ToolResult[] } {
  return { own: result.tools.filter((tool) => tool.settings !== undefined), peers: result.tools.filter((tool) => tool.settings === undefined) };
}

function ratiosTable(results: readonly SizeResult[]): string[] {
  const lines = ['| stories | wiredesk | peer | cold build time, wiredesk / peer | peak RSS, wiredesk / peer |', '|---:|---|---|---:|---:|'];
  for (const result of results) {
    const { own, peers } = split(result);
    for (const mine of own) {
      for (const peer of peers) {
        lines.push(
          `| ${count(result.stories)} | ${mine.settings ?? ''} | ${peer.label} | ${ratio(median(mine.cold.wallMs), median(peer.cold.wallMs))} | ${ratio(median(mine.cold.peakRssMb), median(peer.cold.peakRssMb))} |`,
        );
      }
    }
  }
  return lines.length > 2 ? lines : [];
}

/** What search costs (default settings against search off, build by build) and the cold builds against the bare Markdown stack. */
function settingsTable(results: readonly SizeResult[]): string[] {
  const lines = [
    '| stories | bare Markdown stack | cold, search off / stack | cold, default / stack | cold, default / search off | edit, default / search off | publish, default / search off |',
    '|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const result of results) {
    const { own } = split(result);
    const on = own.find((tool) => tool.settings === 'default');
    const off = own.find((tool) => tool.settings === 'search off');
    const floor = result.floor?.wallMs;
    const of = (tool: ToolResult | undefined, build: 'cold' | 'edit' | 'publish') => median(tool?.[build]?.wallMs ?? []);
    lines.push(
      `| ${count(result.stories)} | ${seconds(floor)} | ${ratio(of(off, 'cold'), floor)} | ${ratio(of(on, 'cold'), floor)} | ${ratio(of(on, 'cold'), of(off, 'cold'))} | ${ratio(of(on, 'edit'), of(off, 'edit'))} | ${ratio(of(on, 'publish'), of(off, 'publish'))} |`,
    );
  }
  return lines;
}

/** Why a peer's count of a kind may differ from wiredesk's by design, not by a wrong configuration. */
const inherent: Partial<Record<PageKind, string>> = {
  redirect: 'Hugo writes a `page/1/` redirect stub (an alias of the list itself) for every paginated list.',
  otherFile: "wiredesk also writes its stylesheet (`assets/style.css`); the peers' templates use none.",
  feedIndex: "wiredesk lists every feed on one page, which its footer links; the peers' templates have no such page.",
};

/** Page counts per kind for every tool of one size, a line for every real mismatch, and the by-design differences seen. */
function countsSection(result: SizeResult, byDesign: Set<string>): string[] {
  // Wiredesk with search off builds what the peers build (no search page, no index): it is the one compared.
  const tools = result.tools.filter((tool): tool is ToolResult & { counts: PageCounts } => tool.counts !== undefined && tool.settings !== 'default');
  const [own] = tools;
  if (!own) return [`No page counts for ${count(result.stories)} stories: no build finished.`];
  const shown = pageKinds.filter((kind) => tools.some((tool) => tool.counts[kind] > 0));
  const lines = [
    `Page counts, ${count(result.stories)} stories (after the cold build; ≠ where a peer differs from wiredesk):`,
    '',
    `| kind | ${tools.map((tool) => tool.label).join(' | ')} |`,
    `|---|${tools.map(() => '---:').join('|')}|`,
    ...shown.map((kind) => `| ${pageKindLabels[kind]} | ${tools.map((tool) => `${count(tool.counts[kind])}${tool.counts[kind] !== own.counts[kind] ? ' ≠' : ''}`).join(' | ')} |`),
    `| **HTML pages** | ${tools.map((tool) => `**${count(htmlPages(tool.counts))}**`).join(' | ')} |`,
  ];
  const said = own.summary === undefined ? undefined : /into (\d+) pages and (\d+) feeds/.exec(own.summary);
  if (said && (Number(said[1]) !== htmlPages(own.counts) || Number(said[2]) !== own.counts.feed)) {
    lines.push('', `- Note: wiredesk said "${own.summary}" but ${count(htmlPages(own.counts))} HTML pages and ${count(own.counts.feed)} feeds were counted in dist/.`);
  }
  const mismatches: string[] = [];
  for (const tool of tools.slice(1)) {
    for (const kind of shown) {
      if (own.counts[kind] === tool.counts[kind]) continue;
      const why = inherent[kind];
      if (why !== undefined) byDesign.add(`${pageKindLabels[kind]}: ${why}`);
      else
        mismatches.push(
          `- MISMATCH, ${tool.label}: ${count(tool.counts[kind])} ${pageKindLabels[kind]}, wiredesk ${count(own.counts[kind])}: its configuration in bench/peers/ does not build the same pages.`,
        );
    }
  }
  if (tools.length > 1) lines.push('', ...(mismatches.length > 0 ? mismatches : ['Every peer built the same pages and feeds as wiredesk, kind by kind.']));
  return lines;
}

/** The report: the table of times and memory, the ratios, the page counts, skipped peers and the issue's figures. */
export function formatBuildSpeed(results: readonly SizeResult[]): string {
  const runs = results[0]?.runs ?? 0;
  const lines = [
    `Median of ${runs} run${runs === 1 ? '' : 's'} each; wall time of the whole command, peak RSS of the process (MiB). Rebuild cells: time (peak RSS).`,
    'Hugo and Eleventy keep no cache between runs, so every build of theirs is a cold build: only that is measured.',
    '',
    ...timesTable(results),
  ];
  lines.push(
    '',
    'Search and the floor: the bare Markdown stack is remark-parse → remark-rehype → rehype-stringify on every body, on every core, nothing else (the least any build made with it can cost); the cold builds are the whole command.',
    '',
    ...settingsTable(results),
  );
  const ratios = ratiosTable(results);
  if (ratios.length > 0) lines.push('', 'Cold build, wiredesk / peer (below 1: wiredesk is faster or smaller):', '', ...ratios);
  const byDesign = new Set<string>();
  for (const result of results) lines.push('', ...countsSection(result, byDesign));
  if (byDesign.size > 0) lines.push('', 'Differences by design (not compared):', '', ...[...byDesign].map((note) => `- ${note}`));
  const missing = [...new Set(results.flatMap((result) => result.missing.map((tool) => tool.note)))];
  if (missing.length > 0) lines.push('', ...missing.map((note) => `- ${note}`));
  lines.push('', 'Reference figures from the issue (a 2-core machine of this kind, 10,000 stories): Hugo 0.111 11.4 s (peak 862 MB), Eleventy 3.1 24.1 s (697 MB).');
  return lines.join('\n');
}
