import { h } from 'hastscript';
import { describe, expect, it } from 'vitest';
import { createRenderMemo } from '../../src/model/render-memo.js';
import { serializedOnce } from '../../templates/parts/serialized-once.js';

describe('fragments serialized once', () => {
  it('should serialize a fragment from its hast tree, escaping what it holds', () => {
    const raw = serializedOnce(createRenderMemo(), [{}], 'k', () => h('a', { href: '/?a=1&b="2"' }, '<script>'));
    expect(raw).toEqual({ type: 'raw', value: '<a href="/?a=1&#x26;b=&#x22;2&#x22;">&#x3C;script></a>' });
  });

  it('should build a fragment once per scopes and key, and again for other scopes or keys', () => {
    const memo = createRenderMemo();
    const config = {};
    const sections: unknown[] = [];
    let builds = 0;
    const build = () => {
      builds++;
      return [h('li', String(builds))];
    };
    const first = serializedOnce(memo, [config, sections], 'nav', build);
    expect(serializedOnce(memo, [config, sections], 'nav', build)).toBe(first);
    expect(builds).toBe(1);
    expect(serializedOnce(memo, [config, []], 'nav', build).value).toBe('<li>2</li>');
    expect(serializedOnce(memo, [{}, sections], 'nav', build).value).toBe('<li>3</li>');
    expect(serializedOnce(memo, [config, sections], 'other', build).value).toBe('<li>4</li>');
    expect(serializedOnce(memo, [config], 'nav', build).value).toBe('<li>5</li>');
  });

  it('should keep nothing between two memos, nor without one', () => {
    const scopes = [{}];
    let builds = 0;
    const build = () => h('li', String(++builds));
    expect(serializedOnce(createRenderMemo(), scopes, 'nav', build).value).toBe('<li>1</li>');
    expect(serializedOnce(createRenderMemo(), scopes, 'nav', build).value).toBe('<li>2</li>');
    expect(serializedOnce(undefined, scopes, 'nav', build).value).toBe('<li>3</li>');
    expect(serializedOnce(undefined, scopes, 'nav', build).value).toBe('<li>4</li>');
  });
});
