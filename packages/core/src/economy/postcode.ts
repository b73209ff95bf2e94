import { type Issue, issue, ok, type Result } from '../issues/issues';

/**
 * The UK postcode areas (the letters of the outward code), including the Crown Dependencies
 * (GY, JE, IM). Used to warn about a local-area entry that is not a postcode area.
 *
 * @example
 * ```ts
 * UK_POSTCODE_AREAS.includes('EX'); // true
 * ```
 */
export const UK_POSTCODE_AREAS: readonly string[] = (
  'AB AL B BA BB BD BH BL BN BR BS BT CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN DT DY E EC EH EN ' +
  'EX FK FY G GL GU GY HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT KW KY L LA LD LE LL LN LS LU M ME MK ML ' +
  'N NE NG NN NP NR NW OL OX PA PE PH PL PO PR RG RH RM S SA SE SG SK SL SM SN SO SP SR SS ST SW SY TA TD ' +
  'TF TN TQ TR TS TW UB W WA WC WD WF WN WR WS WV YO ZE'
).split(' ');
const AREAS = new Set(UK_POSTCODE_AREAS);

/**
 * A UK postcode split into its parts: `EX1 2AB` → outward `EX1`, inward `2AB`, area `EX`,
 * district `EX1`, sector `EX1 2`, unit `EX1 2AB`.
 *
 * @example
 * ```ts
 * const p: Postcode = { outward: 'EX1', inward: '2AB', area: 'EX', district: 'EX1', sector: 'EX1 2', unit: 'EX1 2AB' };
 * ```
 */
export interface Postcode {
  outward: string;
  inward: string;
  area: string;
  district: string;
  sector: string;
  unit: string;
}

// Royal Mail format rules (A9 9AA, A99 9AA, A9A 9AA, AA9 9AA, AA99 9AA, AA9A 9AA) with the letter
// restrictions by position; inward letters never use C I K M O V.
const OUTWARD =
  /^([A-PR-UWYZ])([0-9])([0-9]|[A-HJKPSTUW])?$|^([A-PR-UWYZ][A-HK-Y])([0-9])([0-9]|[ABEHMNPRVWXY])?$/;
const INWARD = /^[0-9][ABD-HJLNP-UW-Z]{2}$/;

function squash(text: string): string {
  return text.toUpperCase().replace(/\s+/g, '');
}

function outwardParts(outward: string): { area: string } | null {
  if (outward === 'GIR') return { area: 'GIR' };
  const m = OUTWARD.exec(outward);
  if (!m) return null;
  return { area: m[1] ?? m[4]! };
}

/**
 * Parses a UK postcode, in any case and with or without the space (`ex12ab`, `EX1 2AB`).
 * The inward code is always the last three characters; the outward code must follow the
 * Royal Mail format rules. `GIR 0AA` is accepted.
 *
 * @example
 * ```ts
 * parsePostcode('ex102ab'); // { ok: true, value: { outward: 'EX10', sector: 'EX10 2', … } }
 * parsePostcode('EX1');     // { ok: false, reason: '"EX1" is not a full postcode …' }
 * ```
 */
export function parsePostcode(text: string): { ok: true; value: Postcode } | { ok: false; reason: string } {
  const t = squash(text);
  if (t.length < 5 || t.length > 7) {
    return { ok: false, reason: `"${text}" is not a full postcode (e.g. EX1 2AB)` };
  }
  const outward = t.slice(0, -3);
  const inward = t.slice(-3);
  const parts = outwardParts(outward);
  if (!parts || !INWARD.test(inward))
    return { ok: false, reason: `"${text}" is not a valid UK postcode (e.g. EX1 2AB)` };
  return {
    ok: true,
    value: {
      outward,
      inward,
      area: parts.area,
      district: outward,
      sector: `${outward} ${inward[0]}`,
      unit: `${outward} ${inward}`,
    },
  };
}

/**
 * A local area as a set of postcode areas (`EX`), districts (`EX1`), sectors (`EX1 2`) and
 * units (`EX1 2AB`). `entries` holds them in canonical form, sorted.
 *
 * @example
 * ```ts
 * const r = parseLocalArea(['EX1', 'TQ']);
 * if (r.ok) r.value.entries; // ['EX1', 'TQ']
 * ```
 */
export interface LocalArea {
  entries: string[];
  areas: ReadonlySet<string>;
  districts: ReadonlySet<string>;
  sectors: ReadonlySet<string>;
  units: ReadonlySet<string>;
}

/**
 * Reads a local-area definition: postcode areas (`EX`), districts (`EX1`), sectors (`EX1 2`,
 * the space may be left out where that is unambiguous: `EX102` is sector `EX10 2`, but `EX12` is
 * district `EX12`) or full postcodes. Matching is exact per level, so `EX1` never matches `EX10`.
 * Invalid entries are errors (the rest are kept); an area not in {@link UK_POSTCODE_AREAS} is a warning.
 *
 * @example
 * ```ts
 * const r = parseLocalArea(['ex1', 'EX2 4', 'TQ', 'nonsense']);
 * r.ok && r.value.entries; // ['EX1', 'EX2 4', 'TQ'] (plus an error for "nonsense")
 * ```
 */
export function parseLocalArea(entries: readonly string[]): Result<LocalArea> {
  const issues: Issue[] = [];
  const areas = new Set<string>();
  const districts = new Set<string>();
  const sectors = new Set<string>();
  const units = new Set<string>();
  entries.forEach((raw, index) => {
    const spaced = raw.trim().toUpperCase().replace(/\s+/g, ' ');
    const t = squash(raw);
    const at = { path: ['local', index], field: 'local' };
    if (t === '') {
      issues.push(issue('local_area_invalid', `local area entry ${index + 1} is empty: remove it`, at));
      return;
    }
    let area: string | undefined;
    if (/^[A-Z]{1,2}$/.test(t)) {
      area = t;
      areas.add(t);
    } else if (outwardParts(t) && !/ [0-9]$/.test(spaced)) {
      area = outwardParts(t)!.area;
      districts.add(t);
    } else if (/^.+[0-9]$/.test(t) && outwardParts(t.slice(0, -1))) {
      area = outwardParts(t.slice(0, -1))!.area;
      sectors.add(`${t.slice(0, -1)} ${t.slice(-1)}`);
    } else {
      const p = parsePostcode(t);
      if (p.ok) {
        area = p.value.area;
        units.add(p.value.unit);
      } else {
        issues.push(
          issue(
            'local_area_invalid',
            `"${raw}" is not a postcode area (EX), district (EX1), sector (EX1 2) or postcode (EX1 2AB): correct it`,
            at,
          ),
        );
        return;
      }
    }
    if (area !== 'GIR' && !AREAS.has(area)) {
      issues.push(
        issue(
          'local_area_unknown',
          `"${raw}" is in postcode area ${area}, which is not a UK postcode area: check it`,
          {
            ...at,
            severity: 'warning',
          },
        ),
      );
    }
  });
  const all = [...areas, ...districts, ...sectors, ...units].sort();
  return ok({ entries: all, areas, districts, sectors, units }, issues);
}

/**
 * True when a postcode lies in the local area (by area, district, sector or unit).
 *
 * @example
 * ```ts
 * const area = parseLocalArea(['EX1']);
 * const p = parsePostcode('EX10 1AA');
 * area.ok && p.ok && isLocalPostcode(p.value, area.value); // false: EX1 is not EX10
 * ```
 */
export function isLocalPostcode(postcode: Postcode, area: LocalArea): boolean {
  return (
    area.areas.has(postcode.area) ||
    area.districts.has(postcode.district) ||
    area.sectors.has(postcode.sector) ||
    area.units.has(postcode.unit)
  );
}
