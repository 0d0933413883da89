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

/** The first of the failures that may come from many tasks at once (see `mapBounded`): noted, then thrown once they have all ended. */
export function firstFailure(): { happened(): boolean; note(error: unknown): void; throwIfAny(): void } {
  let first: { readonly error: unknown } | undefined;
  return {
    happened: () => first !== undefined,
    note: (error) => {
      first ??= { error };
    },
    throwIfAny: () => {
      if (first) throw first.error;
    },
  };
}
