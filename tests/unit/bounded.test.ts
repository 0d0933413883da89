import { describe, expect, it } from 'vitest';
import { mapBounded } from '../../src/threads/bounded.js';

describe('mapBounded', () => {
  it('should keep at most the limit in flight and return results in item order', async () => {
    let running = 0;
    let most = 0;
    const results = await mapBounded([5, 1, 4, 2, 3, 0], 2, async (delay, index) => {
      running++;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, delay));
      running--;
      return index * 10;
    });
    expect(results).toEqual([0, 10, 20, 30, 40, 50]);
    expect(most).toBe(2);
  });

  it('should handle no items', async () => {
    expect(await mapBounded([], 4, async () => 1)).toEqual([]);
  });
});
