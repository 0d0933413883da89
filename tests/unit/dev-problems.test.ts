import { describe, expect, it } from 'vitest';
import { createDevEngine } from '../../src/dev/engine.js';
import { toDevProblems } from '../../src/dev/problems.js';
import { fixtureSite } from '../support/fixture-site.js';

describe('the dev overlay', () => {
  it("should list the stories' problems first, by file and position, then the settings file's", async () => {
    const fixture = await fixtureSite(
      [
        '-- site.yaml --\ntitle: Desk\npageSise: 3\n',
        '-- stories/b.md --\n---\ntitle: B\ndate: 2018-05-02T10:00:00Z\nsumary: x\n---\n\nText.\n',
        '-- stories/a.md --\n---\ntitle: A\ndate: soon\n---\n\nText.\n',
      ].join(''),
    );
    try {
      const engine = await createDevEngine({ cwd: fixture.dir });
      const problems = toDevProblems(engine.initial.messages, engine.settingsFile);
      expect(problems.map((problem) => `${problem.file}:${problem.line}:${problem.column} ${problem.severity}`)).toEqual([
        'stories/a.md:3:7 error',
        'stories/b.md:4:1 warning',
        'site.yaml:2:1 warning',
      ]);
    } finally {
      await fixture.remove();
    }
  });
});
