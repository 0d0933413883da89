import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { tooDeepContainer, tooDeepInline, tooDeepNode } from '../../src/pipeline/nesting.js';

const limit = 3;

describe('tooDeepContainer', () => {
  it('should find the first block quote or list marker past the limit, on one line or by indentation', () => {
    expect(tooDeepContainer('> > > x\n> > > > y\n', limit)).toBe(14);
    expect(tooDeepContainer('- a\n  - b\n    1. c\n       - d\n', limit)).toBe(26);
    expect(tooDeepContainer('> - > - x\n', limit)).toBe(6);
  });

  it('should let a list at the left margin close the deeper ones', () => {
    expect(tooDeepContainer('- a\n  - b\n    - c\n- d\n  - e\n    - f\n', limit)).toBeUndefined();
  });

  it('should not take thematic breaks written with stars, nor emphasis, for list items', () => {
    expect(tooDeepContainer('***\n*a* *b* *c* *d*\n', limit)).toBeUndefined();
  });
});

describe('tooDeepInline', () => {
  it('should find the opener past the limit of emphasis and brackets closed inside one another', () => {
    expect(tooDeepInline('*a *b *c *d x d* c* b* a*', limit)).toBe(9);
    expect(tooDeepInline('[a [b ![c [d x](1) c](2) b] a]', limit)).toBe(10);
  });

  it('should count neither openers never closed, nor escaped ones, nor across paragraphs', () => {
    expect(tooDeepInline('*a *b *c *d *e x', limit)).toBeUndefined();
    expect(tooDeepInline('\\*a \\*b \\*c \\*d x d\\* c\\* b\\* a\\*', limit)).toBeUndefined();
    expect(tooDeepInline('*a *b\n\nc* d*', limit)).toBeUndefined();
  });
});

describe('tooDeepNode', () => {
  it('should find the first node nested past the limit, without recursion', () => {
    const tree = unified().use(remarkParse).parse('> a\n>\n> > b **c *d* c** b\n');
    expect(tooDeepNode(tree, limit)?.type).toBe('emphasis');
    expect(tooDeepNode(tree, 4)).toBeUndefined();
  });
});
