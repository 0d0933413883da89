import { describe, expect, it } from 'vitest';
import { defaultTuning, resolveTuning } from '../../src/tuning.js';

describe('the tuning a build runs with', () => {
  it('should take every default when no variable is set', () => {
    expect(resolveTuning({})).toEqual(defaultTuning);
  });

  it('should read each WIREDESK_ variable into its field, the memory ceiling from MiB to bytes', () => {
    const tuning = resolveTuning({
      WIREDESK_TIMINGS: '1',
      WIREDESK_RENDER_POOL_FROM: '1',
      WIREDESK_CATCH_UP_FROM: '10',
      WIREDESK_MEMORY_CEILING_MB: '512',
      WIREDESK_PROGRESS_AFTER_MS: '0',
      WIREDESK_OUTPUT_SCAN_ALONE_FROM: '4096',
    });
    expect(tuning).toEqual({ ...defaultTuning, timings: true, renderPoolFrom: 1, catchUpFrom: 10, memoryCeiling: 512 * 1024 ** 2, progressAfterMs: 0, outputScanAloneFrom: 4096 });
  });

  it('should keep the default for a value that is empty, zero or not a number', () => {
    for (const value of ['', '0', 'lots']) {
      expect(resolveTuning({ WIREDESK_RENDER_POOL_FROM: value, WIREDESK_CATCH_UP_FROM: value, WIREDESK_MEMORY_CEILING_MB: value, WIREDESK_OUTPUT_SCAN_ALONE_FROM: value })).toEqual(defaultTuning);
    }
    expect(resolveTuning({ WIREDESK_MEMORY_CEILING_MB: '-5', WIREDESK_PROGRESS_AFTER_MS: 'soon' })).toEqual(defaultTuning);
    expect(resolveTuning({ WIREDESK_PROGRESS_AFTER_MS: '-1' })).toEqual(defaultTuning);
  });

  it('should index a cold build’s search shards on a second thread unless WIREDESK_SEARCH_THREAD=0', () => {
    expect(resolveTuning({}).searchThread).toBe(true);
    expect(resolveTuning({ WIREDESK_SEARCH_THREAD: '1' }).searchThread).toBe(true);
    expect(resolveTuning({ WIREDESK_SEARCH_THREAD: '0' }).searchThread).toBe(false);
  });

  it('should print timings only for WIREDESK_TIMINGS=1', () => {
    expect(resolveTuning({ WIREDESK_TIMINGS: 'yes' }).timings).toBe(false);
    expect(resolveTuning({ WIREDESK_TIMINGS: '1' }).timings).toBe(true);
  });
});
