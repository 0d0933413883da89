/** The most values a formatter table keeps: far more languages and zones than a site writes in. */
export const formatterTableLimit = 64;

/**
 * A function of one key (an `Intl` formatter of a language or a zone, a zone's decoded
 * abbreviations, the date schema of a site zone) that keeps what it made, up to `limit` values,
 * dropping the oldest first: building an `Intl.DateTimeFormat` costs far more than using one, and a
 * site formats thousands of dates in a handful of languages.
 *
 * The one kind of module-level cache the code keeps (render caches live in a build's
 * `RenderMemo`): what it holds is a function of the key alone, never of a site or a build, so
 * two builds in one process cannot tell they share it; and it is bounded, so a long `dev`
 * session fed story after story in new languages (`lang` is the author's) does not grow with it.
 */
export function formatterTable<K, V>(make: (key: K) => V, limit: number = formatterTableLimit): (key: K) => V {
  const kept = new Map<K, V>();
  return (key) => {
    const known = kept.get(key);
    if (known !== undefined || kept.has(key)) return known as V;
    const value = make(key);
    if (kept.size >= limit) kept.delete(kept.keys().next().value as K);
    kept.set(key, value);
    return value;
  };
}
