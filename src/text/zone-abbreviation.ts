import { formatterTable } from './formatter-table.js';
import { zoneAbbreviationTableOf, zoneAbbreviationTables } from './zone-abbreviation-data.js';

/** One era of a zone: from when it holds, and the abbreviation of each offset (minutes east of UTC). */
interface Era {
  readonly fromSeconds: number;
  readonly names: ReadonlyMap<number, string>;
}

/**
 * The tz database's abbreviation for a time in `timezone` at `offsetMinutes` (`MSK`, `EDT`,
 * `CEST`), or undefined when the zone has none for it (the tz database writes `+04` for many
 * zones), the zone is unknown, or the time is not at that zone's offset then (the author wrote
 * another offset). Times before 1970 are given the abbreviations of 1970.
 */
export function zoneAbbreviation(timezone: string, epochMs: number, offsetMinutes: number): string | undefined {
  const table = zoneAbbreviationTableOf[timezone];
  if (table === undefined) return undefined;
  const eras = erasOf(table);
  const seconds = Math.floor(epochMs / 1000);
  let era = eras[0];
  for (const candidate of eras) if (candidate.fromSeconds <= seconds) era = candidate;
  return era?.names.get(offsetMinutes);
}

// Tables decoded on first use, by table index: a site uses one zone or two of the 400 (see `formatterTable`).
const erasOf = formatterTable((table: number): readonly Era[] =>
  (zoneAbbreviationTables[table] ?? '').split(';').map((text): Era => {
    const [from = '0', ...pairs] = text.split(' ');
    return {
      fromSeconds: Number(from),
      names: new Map(
        pairs.map((pair) => {
          const [offset = '0', name = ''] = pair.split('=');
          return [Number(offset), name] as const;
        }),
      ),
    };
  }),
);
