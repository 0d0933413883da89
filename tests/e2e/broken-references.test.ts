import { describe, expect, it } from 'vitest';
import { fixtureStory, siteMaker } from '../support/fixture-site.js';
import { parsePage } from '../support/html.js';

const site = siteMaker();

// Five stories that do not parse, and two good ones that point at them by link, READ MORE and `related`.
const newsroom = `
-- stories/yaml.md --
---
title: [unclosed
date: 2018-05-01T10:00:00+03:00
---

Body.
-- stories/untitled.md --
---
date: 2018-05-02T10:00:00+03:00
---

Body.
-- stories/bare.md --
Just text, no front matter.
-- stories/empty.md --
-- stories/undated.md --
---
title: Undated
date: 31 February
---

Body.
${fixtureStory('first', 20, '', 'See [the YAML one](yaml.md) and [the other](untitled.md).\n\nREAD MORE: [](bare.md)')}
${fixtureStory('second', 21, 'related: [empty, undated]', 'Again [the YAML one](yaml.md).')}
`;

describe('references to stories that have errors of their own', () => {
  it('should report each broken story once, and each reference to one as a note that points at it', async () => {
    const built = await site(newsroom);
    const outcome = await built.build();
    expect(outcome.ok).toBe(false);
    const errors = outcome.messages.filter((message) => message.fatal === true);
    expect(errors.map((message) => message.file).sort()).toEqual(['stories/bare.md', 'stories/empty.md', 'stories/undated.md', 'stories/untitled.md', 'stories/yaml.md']);
    const notes = outcome.messages.filter((message) => message.ruleId === 'reference-to-broken-story');
    expect(notes.map((message) => `${message.file}:${message.line}:${message.column}`).sort()).toEqual([
      'stories/first.md:7:33',
      'stories/first.md:7:5',
      'stories/first.md:9:12',
      'stories/second.md:4:11',
      'stories/second.md:4:18',
      'stories/second.md:7:7',
    ]);
    const report = outcome.lines.join('\n');
    expect(report).toContain(
      'stories/first.md:7:5  warning  The link points at stories/yaml.md, which has errors of its own (reported on that file): shown as text until they are fixed  reference-to-broken-story',
    );
    expect(report).toContain(
      'stories/second.md:4:11  warning  Related story "empty" is stories/empty.md, which has errors of its own (reported on that file): left out of the related stories until they are fixed  reference-to-broken-story',
    );
    expect(report).not.toContain('does not exist');
    expect(report).toContain('5 errors, 6 warnings');
  });

  it('should publish, with --keep-going, the stories that point at broken ones, their links as text', async () => {
    const built = await site(newsroom);
    const outcome = await built.build({ keepGoing: true });
    expect(outcome.ok).toBe(true);
    expect(outcome.leftOut).toHaveLength(5);
    const first = parsePage(await built.read('2018/05/20/first/'));
    expect(first.text('.story-body')).toContain('See the YAML one and the other.');
    expect(first.attrs('.story-body a[href]', 'href')).toEqual([]);
    expect(await built.read('2018/05/21/second/')).toContain('Story SECOND');
  });
});
