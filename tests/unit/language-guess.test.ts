import { describe, expect, it } from 'vitest';
import { guessLanguage } from '../../src/text/language-guess.js';

const russian = 'Президент России Владимир Путин провёл в Кремле совещание с членами правительства. Обсуждались вопросы экономики, бюджета и социальной политики на следующий год.';
const ukrainian = 'Президент України провів у Києві нараду з членами уряду. Обговорювалися питання економіки, бюджету та соціальної політики на наступний рік, повідомляє прес-служба.';
const japanese = '東京の気象庁は、今週末に関東地方で大雪が降る見込みだと発表しました。交通機関への影響に注意するよう呼びかけています。';
const chinese = '国家统计局今天发布数据显示，今年前三个季度国内生产总值同比增长百分之五，经济运行总体平稳。';
const english = 'The central bank raised its key interest rate by a quarter of a percentage point on Thursday, citing persistent inflation in services.';
const arabic = 'أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد في العاصمة لتقديم الخدمات الطبية للمواطنين في جميع التخصصات.';

describe('guessLanguage', () => {
  it('should guess the language of a story plainly written in another script than the site’s', () => {
    expect(guessLanguage(russian, 'en')).toEqual({ lang: 'ru', script: 'Cyrl' });
    expect(guessLanguage(ukrainian, 'en-GB')).toEqual({ lang: 'uk', script: 'Cyrl' });
    expect(guessLanguage(japanese, 'en')).toEqual({ lang: 'ja', script: 'Jpan' });
    expect(guessLanguage(chinese, 'en')).toEqual({ lang: 'zh', script: 'Hani' });
    expect(guessLanguage(arabic, 'fr')).toEqual({ lang: 'ar', script: 'Arab' });
    expect(guessLanguage(english, 'ru')).toEqual({ lang: 'en', script: 'Latn' });
  });

  it('should not guess when the story is in the site’s script, mixed, or too short to tell', () => {
    expect(guessLanguage(russian, 'ru')).toBeUndefined();
    // Another language in the site's script is the author's to say: nothing is guessed.
    expect(guessLanguage(ukrainian, 'ru')).toBeUndefined();
    expect(guessLanguage(english, 'de')).toBeUndefined();
    expect(guessLanguage(japanese, 'ja')).toBeUndefined();
    // Han on a Japanese site is the site's own script.
    expect(guessLanguage(chinese, 'ja')).toBeUndefined();
    expect(guessLanguage(`${english} ${russian}`, 'en')).toBeUndefined();
    expect(guessLanguage('Путин', 'en')).toBeUndefined();
  });
});
