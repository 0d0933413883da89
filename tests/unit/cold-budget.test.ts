import { describe, expect, it } from 'vitest';
import { cutBody, type ColdBudget } from '../../bench/cold-budget.js';
import { formatColdBudget } from '../../bench/cold-budget-report.js';
import { bodyHtmlByStack, convertBodies, storyBody } from '../../bench/markdown-stack.js';

const story = ['---', 'title: "A headline"', 'date: 2024-05-01T10:00:00Z', '---', '', 'First *paragraph* here.', '', 'READ MORE: [](other.md)', '', '"A quote," she said.', ''].join('\n');

describe('cold-budget bench', () => {
  it('should keep the front matter as it is and only the first paragraph of the body', () => {
    const cut = cutBody(story);
    expect(cut).toBe(['---', 'title: "A headline"', 'date: 2024-05-01T10:00:00Z', '---', '', 'First *paragraph* here.', ''].join('\n'));
    expect(cutBody(cut)).toBe(cut);
  });

  it('should hand the Markdown stack the body alone, never the front matter', () => {
    const body = storyBody(story);
    expect(body.startsWith('\nFirst')).toBe(true);
    const html = bodyHtmlByStack(body);
    expect(html).toContain('<p>First <em>paragraph</em> here.</p>');
    expect(html).not.toContain('headline');
    expect(convertBodies([body, body])).toBe(2 * html.length);
  });

  it('should leave for everything but Markdown what Hugo takes beyond the Markdown stack alone', () => {
    const runs = (wall: number, cpu: number) => ({ wallMs: [wall + 100, wall, wall - 100], cpuMs: [cpu, cpu, cpu], peakRssMb: [1, 1, 1] });
    const result: ColdBudget = {
      stories: 10_000,
      runs: 3,
      hugoLabel: 'Hugo 0.111.3',
      threads: 2,
      markdown: [5_000, 6_000, 7_000].map((wallMs) => ({ wallMs, threadMs: [wallMs, wallMs], characters: 1 })),
      full: { wiredesk: runs(20_000, 36_000), hugo: runs(12_000, 22_000) },
      cut: { wiredesk: runs(9_000, 16_000), hugo: runs(8_000, 12_000) },
    };
    const report = formatColdBudget([result]);
    expect(report).toContain('| 10,000 | full stories | 20.0 s (CPU 36.0 s) | 12.0 s (CPU 22.0 s) | 1.67× |');
    expect(report).toContain('| 10,000 | the difference: what the rest of the bodies cost | 11.0 s | 4.00 s | 2.75× |');
    expect(report).toContain('takes 6.00 s on 2 threads (1.20 ms a body on each)');
    expect(report).toContain('must fit in 6.00 s; with the bodies cut to a paragraph, wiredesk alone takes 9.00 s (1.50× that budget)');
  });
});
