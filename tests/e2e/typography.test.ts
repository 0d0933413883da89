import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFeeds } from '../support/checkers/feed-parser.js';
import { siteMaker, type FixtureSite } from '../support/fixture-site.js';
import { parsePage } from '../support/html.js';

const makeSite = siteMaker();

// A seed-like wire story: quotes in the headline, summary, caption, body and a correction, code and a URL in the body.
const seedLike = `
-- stories/putin-judo.md --
---
title: "Putin Calls On Partners to Be Flexible in Int'l Affairs 'Like in Judo'"
date: 2018-05-25T16:40:00+03:00
summary: "\\"We will do all it takes,\\" the president said -- twice."
byline: "By Anna O'Neil"
image: {caption: "Putin at the \\"Business Dialogue\\" session", credit: "Sputnik/Mikhail Klimentyev"}
corrections:
  - {date: 2018-05-26T09:00:00+03:00, text: "An earlier version misspelled \\"SPIEF\\"."}
---

"The mood that exists now in Russian-Japanese relations gives me every reason to express hope," Putin said at the 'Business Dialogue' session -- the forum's main event.

Run \`wiredesk build --out "dist"\` and read https://example.org/a--b/it's...x for more...
`;

const russian = `
-- stories/moskva.md --
---
title: "Путин: \\"Япония - наш партнёр\\""
date: 2018-05-24T10:00:00+03:00
lang: ru
---

"Мы сделаем 'всё' возможное", - сказал президент.
`;

const french = `
-- stories/paris.md --
---
title: "Macron : \\"C'est l'essentiel\\""
date: 2018-05-23T10:00:00+03:00
lang: fr
---

Il a dit "bonjour" - vraiment ?
`;

async function builtSite(settings: string): Promise<FixtureSite> {
  const site = await makeSite(`-- site.yaml --\nbaseUrl: https://wire.example.org/\n${settings}\n${seedLike}${russian}${french}`);
  const outcome = await site.build({ now: Date.UTC(2018, 5, 1) });
  expect(outcome.ok, outcome.lines.join('\n')).toBe(true);
  return site;
}

/** The JSON-LD of a built page. */
function structuredData(html: string): Record<string, unknown> {
  return JSON.parse(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '{}') as Record<string, unknown>;
}

describe('quotes and dashes set in the story’s language', () => {
  it('should show a seed-like story with curly quotes on its page, in its feeds and in its structured data, at the same address', async () => {
    const site = await builtSite('');
    const headline = 'Putin Calls On Partners to Be Flexible in Int’l Affairs ‘Like in Judo’';
    const html = await site.read('2018/05/25/putin-judo/');
    const page = parsePage(html);
    expect(page.text('h1')).toBe(headline);
    expect(page.text('.story-body p')).toBe(
      '“The mood that exists now in Russian-Japanese relations gives me every reason to express hope,” Putin said at the ‘Business Dialogue’ session — the forum’s main event.',
    );
    expect(page.allText).toContain('By Anna O’Neil');
    expect(page.allText).toContain('Putin at the “Business Dialogue” session');
    expect(page.allText).toContain('An earlier version misspelled “SPIEF”.');
    // Code and URLs stay as written.
    expect(page.text('.story-body code')).toBe('wiredesk build --out "dist"');
    expect(page.allText).toContain("read https://example.org/a--b/it's...x for more…");

    const data = structuredData(html);
    expect(data['headline']).toBe(headline);
    expect(data['description']).toBe('“We will do all it takes,” the president said — twice.');

    const feeds = await parseFeeds(['feed.xml', 'atom.xml', 'feed.json'].map((file) => path.join(site.dir, 'dist', file)));
    for (const feed of feeds) {
      const entry = feed.entries.find((candidate) => candidate.shown.title.startsWith('Putin Calls'));
      expect(entry?.shown.title).toBe(headline);
      expect(entry?.shown.summary).toBe('“We will do all it takes,” the president said — twice.');
    }
  });

  it('should set Russian and French stories in their own marks and spacing', async () => {
    const site = await builtSite('');
    const moscow = parsePage(await site.read('2018/05/24/moskva/'));
    expect(moscow.text('h1')).toBe('Путин: «Япония — наш партнёр»');
    expect(moscow.text('.story-body p')).toBe('«Мы сделаем „всё“ возможное», — сказал президент.');
    // Narrow no-break spaces inside « » and before ?, a no-break space before : and the dash.
    const paris = await site.read('2018/05/23/paris/');
    expect(paris).toContain('<h1>Macron\u00A0: «\u202FC’est l’essentiel\u202F»</h1>');
    expect(paris).toContain('Il a dit «\u202Fbonjour\u202F»\u00A0– vraiment\u202F?');
  });

  it('should leave every text as written with `typography: false`', async () => {
    const site = await builtSite('typography: false');
    const html = await site.read('2018/05/25/putin-judo/');
    const page = parsePage(html);
    expect(page.text('h1')).toBe("Putin Calls On Partners to Be Flexible in Int'l Affairs 'Like in Judo'");
    expect(page.text('.story-body p')).toContain('"The mood that exists now');
    expect(structuredData(html)['description']).toBe('"We will do all it takes," the president said -- twice.');
    expect(parsePage(await site.read('2018/05/24/moskva/')).text('h1')).toBe('Путин: "Япония - наш партнёр"');
  });
});
