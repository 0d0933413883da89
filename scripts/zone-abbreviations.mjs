// Make src/text/zone-abbreviation-data.ts from the tz database's compiled files (/usr/share/zoneinfo
// by default, or the folder given): for every zone, the abbreviations its offsets have had since
// 1970 (MSK, EDT, CEST…), in eras within which each offset has one abbreviation. Numeric ones
// (`+03`, which the tz database writes for zones with no abbreviation in use) are left out: pages
// then show the offset. Run `node scripts/zone-abbreviations.mjs` after a tz database update.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = process.argv[2] ?? '/usr/share/zoneinfo';
const out = path.resolve(import.meta.dirname, '../src/text/zone-abbreviation-data.ts');
const since = Date.UTC(1970, 0, 1) / 1000;
const numeric = /^[+-]\d+$/;

/** Every zone file under `root` (no `posix/` or `right/` copies), by zone name. */
function zoneFiles(folder, prefix = '') {
  const found = [];
  for (const name of readdirSync(folder).sort()) {
    const full = path.join(folder, name);
    const zone = prefix + name;
    if (statSync(full).isDirectory()) {
      if (prefix === '' && (name === 'posix' || name === 'right')) continue;
      found.push(...zoneFiles(full, `${zone}/`));
    } else if (readFileSync(full).subarray(0, 4).toString('latin1') === 'TZif') {
      found.push([zone, full]);
    }
  }
  return found;
}

/** The transitions (seconds, offset in minutes, abbreviation) of a TZif file's 64-bit data, and its POSIX TZ footer. */
function readTzif(bytes) {
  const counts = (at) => [0, 1, 2, 3, 4, 5].map((index) => bytes.readUInt32BE(at + 20 + index * 4));
  let [isut, isstd, leap, time, type, chars] = counts(0);
  const version = bytes[4];
  let at = 44;
  let timeSize = 4;
  if (version >= 0x32) {
    at += time * 4 + time + type * 6 + chars + leap * 8 + isstd + isut;
    [isut, isstd, leap, time, type, chars] = counts(at);
    at += 44;
    timeSize = 8;
  }
  const times = Array.from({ length: time }, (_, index) => (timeSize === 8 ? Number(bytes.readBigInt64BE(at + index * 8)) : bytes.readInt32BE(at + index * 4)));
  at += time * timeSize;
  const indexes = Array.from({ length: time }, (_, index) => bytes[at + index]);
  at += time;
  const types = Array.from({ length: type }, (_, index) => ({ offset: bytes.readInt32BE(at + index * 6), abbreviationAt: bytes[at + index * 6 + 5] }));
  at += type * 6;
  const text = bytes.subarray(at, at + chars).toString('latin1');
  const abbreviationOf = (index) => text.slice(types[index].abbreviationAt, text.indexOf('\0', types[index].abbreviationAt));
  at += chars + leap * (timeSize + 4) + isstd + isut;
  const footer = timeSize === 8 ? bytes.subarray(at).toString('latin1').trim() : '';
  const transitions = times.map((seconds, index) => ({ seconds, offset: Math.round(types[indexes[index]].offset / 60), abbreviation: abbreviationOf(indexes[index]) }));
  // Before the first transition, the first type (usually local mean time) applies.
  const initial = types.length > 0 ? { seconds: -Infinity, offset: Math.round(types[0].offset / 60), abbreviation: abbreviationOf(0) } : undefined;
  return { transitions: initial ? [initial, ...transitions] : transitions, footer };
}

/** The standard and daylight abbreviations and offsets of a POSIX TZ string (`EST5EDT,M3.2.0,M11.1.0`). */
function footerTypes(footer) {
  const match = /^(<[^>]+>|[A-Za-z]+)([+-]?\d+(?::\d+){0,2})(?:(<[^>]+>|[A-Za-z]+)([+-]?\d+(?::\d+){0,2})?)?/.exec(footer);
  if (!match) return [];
  const minutes = (value) => {
    const [hours, mins = '0'] = value.replace(/^[+-]/, '').split(':');
    return (value.startsWith('-') ? 1 : -1) * (Number(hours) * 60 + Number(mins));
  };
  const name = (value) => value.replace(/^<|>$/g, '');
  const standard = { offset: minutes(match[2]), abbreviation: name(match[1]) };
  if (!match[3]) return [standard];
  return [standard, { offset: match[4] ? minutes(match[4]) : standard.offset + 60, abbreviation: name(match[3]) }];
}

/** The eras of a zone since 1970: `[from, {offset: abbreviation}]`, a new era whenever an offset's abbreviation changes. */
function erasOf({ transitions, footer }) {
  const eras = [];
  let current;
  const note = (seconds, offset, abbreviation) => {
    if (current && current.names.get(offset) === abbreviation) return;
    if (!current || current.names.has(offset)) {
      current = { from: Math.max(seconds, since), names: new Map() };
      eras.push(current);
    }
    current.names.set(offset, abbreviation);
  };
  const inEffect = transitions.filter((transition) => transition.seconds <= since).at(-1);
  if (inEffect) note(since, inEffect.offset, inEffect.abbreviation);
  for (const transition of transitions) if (transition.seconds > since) note(transition.seconds, transition.offset, transition.abbreviation);
  const last = transitions.at(-1)?.seconds ?? since;
  for (const type of footerTypes(footer)) note(Math.max(last, since), type.offset, type.abbreviation);
  return eras
    .map(({ from, names }) => [
      from,
      [...names]
        .filter(([, abbreviation]) => !numeric.test(abbreviation))
        .map(([offset, abbreviation]) => `${offset}=${abbreviation}`)
        .join(' '),
    ])
    .filter(([, names]) => names !== '')
    .map(([from, names]) => `${from} ${names}`)
    .join(';');
}

const tables = [];
const zones = {};
for (const [zone, file] of zoneFiles(root)) {
  const eras = erasOf(readTzif(readFileSync(file)));
  if (eras === '') continue;
  let index = tables.indexOf(eras);
  if (index < 0) index = tables.push(eras) - 1;
  zones[zone] = index;
}
const version = /# version (\S+)/.exec(readFileSync(path.join(root, 'tzdata.zi'), 'utf8'))?.[1] ?? 'unknown';
writeFileSync(
  out,
  `// Generated by scripts/zone-abbreviations.mjs from the tz database ${version}; do not edit.

/**
 * Each table: eras separated by \`;\`, each \`<from, seconds since the epoch> <offset minutes>=<abbreviation>…\`,
 * oldest first: within an era, each offset a zone has had goes by one abbreviation.
 */
export const zoneAbbreviationTables: readonly string[] = ${JSON.stringify(tables, null, 2)};

/** The table of each zone (and alias) that has had an alphabetic abbreviation since 1970, by IANA name. */
export const zoneAbbreviationTableOf: Readonly<Record<string, number>> = ${JSON.stringify(zones, null, 2)};
`,
);
process.stdout.write(`${Object.keys(zones).length} zones, ${tables.length} tables, tz database ${version}\n`);
