import { toHtml } from 'hast-util-to-html';
import { describe, expect, it } from 'vitest';
import { labelSetFor } from '../../src/labels/select.js';
import type { SettingPlace } from '../../src/model/config.js';
import { menuItems, siteHeader } from '../../templates/header.js';
import { collectionFixture, testConfig } from '../support/view-fixtures.js';

const place: SettingPlace = { file: 'site.yaml', line: 1, column: 1 };
const sections = [collectionFixture('section', 'World', 'world', 2), collectionFixture('section', 'Sports', 'sports', 1)];

describe('the site header', () => {
  it('should list every section, then Topics, Tags and Search, when the site sets no menu', () => {
    const config = testConfig({ search: true });
    expect(menuItems(config, sections, labelSetFor(config)).map((item) => [item.title, item.href])).toEqual([
      ['World', '/news/sections/world/'],
      ['Sports', '/news/sections/sports/'],
      ['Topics', '/news/topics/'],
      ['Tags', '/news/tags/'],
      ['Search', '/news/search/'],
    ]);
  });

  it("should list the site's menu in its order, finding a section by name or slug and leaving out one without stories", () => {
    const config = testConfig({
      menu: [
        { kind: 'link', title: 'Home', url: '/' },
        { kind: 'section', section: 'sports', title: 'Sport', place },
        { kind: 'section', section: 'WORLD', place },
        { kind: 'section', section: 'Culture', place },
        { kind: 'link', title: 'Wire', url: 'https://wire.example.org/' },
      ],
    });
    expect(menuItems(config, sections, labelSetFor(config))).toEqual([
      { title: 'Home', href: '/news/', path: '' },
      { title: 'Sport', href: '/news/sections/sports/', path: 'sections/sports/' },
      { title: 'World', href: '/news/sections/world/', path: 'sections/world/' },
      { title: 'Wire', href: 'https://wire.example.org/' },
    ]);
  });

  it("should show the logo in place of the title, with the site's title as its alternative text by default", () => {
    const config = testConfig({ logo: { src: 'brand/logo.svg' } });
    const html = toHtml(siteHeader({ config, sections: [], labels: labelSetFor(config), current: [] }));
    expect(html).toContain('<a class="site-title has-logo" href="/news/"><img class="site-logo" src="/news/brand/logo.svg" alt="Wire Desk"></a>');
  });
});
