import { describe, expect, it } from 'vitest';
import { collectGarbage, memoryCeiling } from '../../src/build/memory-ceiling.js';

const mib = 1024 ** 2;

/** Gauges reading what the test sets, counting the looks at the resident size. */
function gauges(resident: number, heap: number) {
  const state = { resident, heap, looks: 0 };
  return {
    state,
    gauges: {
      residentSize: () => {
        state.looks++;
        return state.resident;
      },
      heapUsed: () => state.heap,
    },
  };
}

describe('memory ceiling', () => {
  it('should leave collecting to V8 below the ceiling, looking every 64 checks', () => {
    const { state, gauges: g } = gauges(100 * mib, 90 * mib);
    const ceiling = memoryCeiling(800 * mib, g);
    for (let check = 0; check < 640; check++) ceiling.check();
    expect(state.looks).toBe(10);
    expect(ceiling.collections).toBe(0);
  });

  it('should look at once when asked to, between phases', () => {
    const { state, gauges: g } = gauges(900 * mib, 700 * mib);
    const ceiling = memoryCeiling(800 * mib, g);
    ceiling.checkNow();
    expect(state.looks).toBe(1);
    expect(ceiling.collections).toBe(1);
    ceiling.checkNow();
    expect(ceiling.collections).toBe(1);
  });

  it('should collect above the ceiling each time the heap has grown by an eighth of it since the last collection', () => {
    const { state, gauges: g } = gauges(900 * mib, 700 * mib);
    const ceiling = memoryCeiling(800 * mib, g);
    const checks = (count: number) => {
      for (let check = 0; check < count; check++) ceiling.check();
    };
    checks(64);
    expect(ceiling.collections).toBe(1);
    // What the collection left alive is the base: 700 MiB here, so the next waits for 800 MiB in use.
    checks(64 * 5);
    expect(ceiling.collections).toBe(1);
    state.heap = 790 * mib;
    checks(64);
    expect(ceiling.collections).toBe(1);
    state.heap = 801 * mib;
    checks(64);
    expect(ceiling.collections).toBe(2);
    // Back under the ceiling (V8 gave pages back): V8 decides again, however the heap grows.
    state.resident = 700 * mib;
    state.heap = 1000 * mib;
    checks(64);
    expect(ceiling.collections).toBe(2);
  });

  it('should make room before a step that holds much at once: above the ceiling at once, however little the heap grew; below it never', () => {
    const { state, gauges: g } = gauges(900 * mib, 700 * mib);
    const ceiling = memoryCeiling(800 * mib, g);
    ceiling.checkNow();
    expect(ceiling.collections).toBe(1);
    state.heap = 710 * mib;
    ceiling.checkNow();
    expect(ceiling.collections).toBe(1);
    ceiling.makeRoom();
    expect(ceiling.collections).toBe(2);
    state.resident = 700 * mib;
    ceiling.makeRoom();
    expect(ceiling.collections).toBe(2);
  });
});

describe('collecting the garbage between two builds', () => {
  it('should free at once what nothing holds any longer', async () => {
    // Made and let go in another function: only the weak reference is left of it.
    const held = (() => new WeakRef({ stories: Array.from({ length: 1000 }, (_, index) => ({ index })) }))();
    // A weak reference's target lives until the end of the job that made it.
    await new Promise((resolve) => setImmediate(resolve));
    collectGarbage();
    expect(held.deref()).toBeUndefined();
  });
});
