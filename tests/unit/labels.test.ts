import { describe, expect, it } from 'vitest';
import { createRenderMemo } from '../../src/model/render-memo.js';
import { countLabel, label, labelParts } from '../../src/labels/fill.js';
import { labelKeys, pluralLabelKeys, textLabelKeys } from '../../src/labels/keys.js';
import { labelSetFor } from '../../src/labels/select.js';
import { labelLanguageOf, labelSets } from '../../src/labels/sets.js';
import { testConfig } from '../support/view-fixtures.js';

describe('label sets', () => {
  it('should have every key in every built-in language, and no other', () => {
    for (const [language, set] of Object.entries(labelSets)) {
      expect(Object.keys(set).sort(), language).toEqual([...labelKeys].sort());
      for (const key of textLabelKeys) expect(set[key].trim(), `${language} ${key}`).not.toBe('');
    }
  });

  it('should keep the placeholders of the English text in every translation', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
    for (const [language, set] of Object.entries(labelSets)) {
      for (const key of textLabelKeys) expect(placeholders(set[key]), `${language} ${key}`).toEqual(placeholders(labelSets.en[key]));
    }
  });

  it('should give every plural category a language has a form, or leave it to `other`', () => {
    for (const [language, set] of Object.entries(labelSets)) {
      const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
      for (const key of pluralLabelKeys) {
        for (const category of Object.keys(set[key])) expect(categories, `${language} ${key}`).toContain(category);
      }
    }
  });

  it('should pick the set by the primary language subtag, English when there is none', () => {
    expect(labelLanguageOf('ru-RU')).toBe('ru');
    expect(labelLanguageOf('es-419')).toBe('es');
    expect(labelLanguageOf('AR')).toBe('ar');
    expect(labelLanguageOf('ja')).toBe('en');
    expect(labelLanguageOf('not a tag')).toBe('en');
  });
});

describe('labelSetFor', () => {
  it("should lay the site's labels over its language's set, and give a story in another language that language's own set", () => {
    const config = testConfig({ language: 'ru-RU', labels: { latestStories: 'Главное' } });
    expect(label(labelSetFor(config), 'latestStories')).toBe('Главное');
    expect(label(labelSetFor(config), 'related')).toBe('По теме');
    expect(label(labelSetFor(config, 'ru'), 'latestStories')).toBe('Главное');
    expect(label(labelSetFor(config, 'en'), 'latestStories')).toBe('Latest stories');
    expect(labelSetFor(config, 'en').locale).toBe('en');
  });

  it('should hand out one object per config and language in a memo, so fragments can be kept by it, and keep none without one', () => {
    const config = testConfig();
    const memo = createRenderMemo();
    expect(labelSetFor(config, 'fr', memo)).toBe(labelSetFor(config, 'fr', memo));
    expect(labelSetFor(testConfig(), 'fr', memo)).not.toBe(labelSetFor(config, 'fr', memo));
    expect(labelSetFor(config, 'fr', createRenderMemo())).not.toBe(labelSetFor(config, 'fr', memo));
    expect(labelSetFor(config, 'fr')).not.toBe(labelSetFor(config, 'fr'));
    expect(labelSetFor(config, 'fr')).toEqual(labelSetFor(config, 'fr', memo));
  });
});

describe('filling labels', () => {
  it("should say counts in each language's plural forms", () => {
    const config = testConfig();
    const stories = (language: string, count: number) => countLabel(labelSetFor(config, language), 'storyCount', count);
    expect([1, 2, 40].map((count) => stories('en', count))).toEqual(['1 story', '2 stories', '40 stories']);
    expect([1, 3, 5, 21, 22, 25].map((count) => stories('ru', count))).toEqual(['1 материал', '3 материала', '5 материалов', '21 материал', '22 материала', '25 материалов']);
    expect([0, 1, 2, 3, 11, 100].map((count) => stories('ar', count))).toEqual(['لا أخبار', 'خبر واحد', 'خبران', '3 أخبار', '11 خبرًا', '100 خبر']);
    expect(countLabel(labelSetFor(config, 'de'), 'readingTime', 5)).toBe('5 Min. Lesezeit');
    expect(countLabel(labelSetFor(config, 'fr'), 'readingTime', 5)).toBe('5 min de lecture');
  });

  it('should fill placeholders with text, and with elements as parts', () => {
    const labels = labelSetFor(testConfig());
    expect(label(labels, 'frontPageLink', { site: 'Wire {x}' })).toBe('Go to the front page of Wire {x}');
    const time = { type: 'element' as const, tagName: 'time', properties: {}, children: [] };
    expect(labelParts(labels, 'updated', { date: time })).toEqual(['Updated ', time]);
    expect(labelParts(labelSetFor(testConfig(), 'ar'), 'updated', { date: time })).toEqual(['حُدّث في ', time]);
  });
});
