import { describe, expect, it } from 'vitest';
import { fixtureStory, siteMaker } from '../support/fixture-site.js';

const makeSite = siteMaker();
const russian = 'Президент России Владимир Путин провёл в Кремле совещание с членами правительства. Обсуждались вопросы экономики и бюджета.';

describe('a story written in another script than the site’s language, without `lang`', () => {
  it('should be shown in the language guessed from its text, with a warning at its headline that names the guess', async () => {
    const site = await makeSite(
      fixtureStory('moscow', 24, '', russian) +
        fixtureStory('said', 23, 'lang: uk', russian) +
        fixtureStory('london', 22, '', 'The central bank raised its key interest rate by a quarter of a percentage point on Thursday.'),
    );
    const outcome = await site.build();
    expect(outcome.ok).toBe(true);
    const guessed = outcome.messages.filter((message) => message.ruleId === 'lang-guessed');
    expect(guessed.map((message) => [message.file, message.line, message.column])).toEqual([['stories/moscow.md', 2, 8]]);
    expect(guessed[0]?.reason).toContain('shown as `ru`');
    // The page declares the guess, and so do its dates; the story that says its language keeps it; the English one is the site's.
    expect(await site.read('2018/05/24/moscow/')).toMatch(/<html lang="ru"/);
    expect(await site.read('2018/05/24/moscow/')).toMatch(/мая 2018/);
    expect(await site.read('2018/05/23/said/')).toMatch(/<html lang="uk"/);
    expect(await site.read('2018/05/22/london/')).toMatch(/<html lang="en"/);
  });

  it('should guess nothing on a site whose language is written in the story’s script', async () => {
    const site = await makeSite(fixtureStory('moscow', 24, '', russian));
    await site.write('site.yaml', 'language: ru\n');
    const outcome = await site.build();
    expect(outcome.messages.filter((message) => message.ruleId === 'lang-guessed')).toEqual([]);
    expect(await site.read('2018/05/24/moscow/')).toMatch(/<html lang="ru"/);
  });
});
