/**
 * Map `items` through an async `task` with at most `limit` tasks in flight, results in item order:
 * reading or writing tens of thousands of files at once would run out of file descriptors.
 */
export async function mapBounded<T, R>(items: readonly T[], limit: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * The first of the failures of many tasks at once (see `mapBounded`): a task `attempt`ed after one
 * failed does not start, and the first failure is thrown by `throwIfAny` once they have all ended.
 */
export function firstFailure(): { attempt(work: () => Promise<unknown>): Promise<void>; throwIfAny(): void } {
  let first: { readonly error: unknown } | undefined;
  return {
    attempt: async (work) => {
      if (first) return;
      try {
        await work();
      } catch (error) {
        first ??= { error };
      }
    },
    throwIfAny: () => {
      if (first) throw first.error;
    },
  };
}
