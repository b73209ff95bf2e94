import { z } from 'zod';
import type { IssueCode } from '../issues/codes';
import { fail, type Issue, issue, ok, type Result } from '../issues/issues';
import { fromZodError } from '../issues/zod';
import { Dec, type Decimal, dec, isDecimal, ONE, ZERO } from '../money/decimal';
import { boundedDecimalSchema, NON_NEGATIVE_PATTERN } from '../money/schema';
import type { Provenance } from '../trace/provenance';
import { sha256Hex } from '../trace/sha256';
import { explain, type Trace } from '../trace/trace';

/**
 * The scoring rule for ranks: the standard Borda count, where with n items the item ranked r-th
 * gets n − r points (first n − 1, last 0) — the number of items ranked below it.
 *
 * @example
 * ```ts
 * BORDA_SOURCE.title; // 'Borda count'
 * ```
 */
export const BORDA_SOURCE: Provenance = {
  title: 'Borda count',
  publisher:
    'J.-C. de Borda, "Mémoire sur les élections au scrutin", Histoire de l’Académie Royale des Sciences',
  edition: '1781 (scoring n − r: first n − 1 points, last 0)',
  url: 'https://en.wikipedia.org/wiki/Borda_count',
  licence: 'method (no data reused)',
};

/**
 * Kendall's coefficient of concordance W with the tie correction
 * `W = 12·S ÷ (m²(n³ − n) − m·Σ T)`, `T = Σ (t³ − t)` over each rater's tied groups.
 *
 * @example
 * ```ts
 * KENDALL_W_SOURCE.publisher; // 'Kendall & Babington Smith'
 * ```
 */
export const KENDALL_W_SOURCE: Provenance = {
  title: 'The problem of m rankings',
  publisher: 'Kendall & Babington Smith',
  edition: 'Annals of Mathematical Statistics 10(3), 1939; tie correction as in Siegel & Castellan, 1988',
  url: 'https://en.wikipedia.org/wiki/Kendall%27s_W',
  licence: 'method (no data reused)',
};

// a blank cell is no answer (see Blank), so the JSON Schema admits blanks too
const Points = z.preprocess(
  (v) => (isDecimal(v) && v.isFinite() ? v.toFixed() : v),
  boundedDecimalSchema({
    pattern: `^\\s*$|${NON_NEGATIVE_PATTERN}`,
    minimum: 0,
    message: 'points must not be negative: give 0 or more points',
  }),
);

const Rank = z
  .union([z.number().int().min(1), z.string().regex(/^\s*$|^\s*\+?0*[1-9]\d*\s*$/)])
  .transform((v, ctx) => {
    const n = typeof v === 'number' ? v : Number(v);
    if (!Number.isInteger(n) || n < 1) {
      ctx.addIssue({
        code: 'custom',
        message: `rank "${v}" is not a whole number from 1 (1 = most important)`,
      });
      return z.NEVER;
    }
    return n;
  });

const Blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/**
 * One answer of a priority survey: a respondent in a stakeholder group gives an item (a social
 * value theme or outcome) either points (a points allocation) or a rank (1 = most important).
 *
 * @example
 * ```ts
 * PriorityRowSchema.parse({ respondent: 'r1', group: 'residents', item: 'jobs', points: '60' });
 * PriorityRowSchema.parse({ respondent: 'r2', group: 'businesses', item: 'jobs', rank: 1 });
 * ```
 */
export const PriorityRowSchema = z.object({
  respondent: z.string().trim().min(1, 'the respondent is empty: give each respondent an id'),
  group: z.string().trim().min(1, 'the group is empty: name the stakeholder group (e.g. residents)'),
  item: z.string().trim().min(1, 'the item is empty: name the theme or outcome'),
  points: z.preprocess(Blank, Points.optional()),
  rank: z.preprocess(Blank, Rank.optional()),
  line: z.number().int().min(1).optional(),
});

/**
 * A priority survey row as given (see {@link PriorityRowSchema}).
 *
 * @example
 * ```ts
 * const row: PriorityRowInput = { respondent: 'r1', group: 'residents', item: 'jobs', rank: 1, line: 2 };
 * ```
 */
export type PriorityRowInput = z.input<typeof PriorityRowSchema>;
type PriorityRow = z.output<typeof PriorityRowSchema>;

/**
 * Options of {@link analysePriorities}. `groups: 'equal'` gives every stakeholder group the same
 * say (the mean of group means), so no group dominates by numbers alone; `'proportional'`
 * (default) gives every respondent the same say. Weights are rounded to `precision` decimal
 * places (default 2) by largest remainder so they sum to exactly 100.
 *
 * @example
 * ```ts
 * const o: PrioritiesOptions = { method: 'ranks', groups: 'equal', items: ['jobs', 'climate', 'communities'] };
 * ```
 */
export interface PrioritiesOptions {
  method?: 'points' | 'ranks';
  groups?: 'equal' | 'proportional';
  items?: readonly string[];
  precision?: number;
  survey?: { name?: string };
}

/**
 * Kendall's W for a set of raters: `w` from 0 (no agreement) to 1 (all rank alike), or `null`
 * when fewer than two raters or items make it undefined.
 *
 * @example
 * ```ts
 * const a: Agreement = { method: 'kendall-w', w: dec('0.7778'), raters: 3, items: 4 };
 * ```
 */
export interface Agreement {
  method: 'kendall-w';
  w: Decimal | null;
  raters: number;
  items: number;
  note?: string;
}

/**
 * Weights of one set of respondents (a group or everyone): `weights` rounded (summing to exactly
 * 100), `exact` unrounded (mean share × 100), `ranking` by weight (ties by item id), and agreement.
 *
 * @example
 * ```ts
 * priorities.overall.weights.jobs.toString(); // '42.5'
 * ```
 */
export interface PriorityWeights {
  respondents: number;
  weights: Record<string, Decimal>;
  exact: Record<string, Decimal>;
  ranking: { rank: number; item: string; weight: Decimal }[];
  agreement: Agreement;
}

/**
 * The result of a priority survey: weights per stakeholder group and overall, how groups were
 * weighted, agreement, and the survey's SHA-256 for provenance.
 *
 * @example
 * ```ts
 * const r = analysePriorities(rows, { groups: 'equal' });
 * if (r.ok) r.value.overall.weights; // { climate: Dec('50'), jobs: Dec('50') }
 * ```
 */
export interface Priorities {
  method: 'points' | 'ranks';
  scoring: string;
  groupWeighting: 'equal' | 'proportional';
  precision: number;
  items: string[];
  overall: PriorityWeights;
  groups: Record<string, PriorityWeights>;
  groupShares: Record<string, Decimal>;
  rows: { read: number; accepted: number; rejected: number };
  survey: { name?: string; hash: string };
  trace: Trace;
  issues: Issue[];
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const HUNDRED = new Dec(100);

/**
 * Fractional ranks (1 = best) of items by a key (lower key = better), ties sharing the mean of
 * their positions; items without a key tie at the bottom.
 */
function fractionalRanks(
  items: readonly string[],
  key: (item: string) => Decimal | undefined,
): Map<string, Decimal> {
  const keyed = items.filter((i) => key(i) !== undefined);
  const known = keyed.sort((a, b) => key(a)!.comparedTo(key(b)!) || cmp(a, b));
  const out = new Map<string, Decimal>();
  let pos = 1;
  let i = 0;
  while (i < known.length) {
    let j = i;
    while (j + 1 < known.length && key(known[j + 1]!)!.eq(key(known[i]!)!)) j++;
    const mean = new Dec(2 * pos + (j - i)).dividedBy(2);
    for (let k = i; k <= j; k++) out.set(known[k]!, mean);
    pos += j - i + 1;
    i = j + 1;
  }
  const rest = items.filter((x) => key(x) === undefined);
  if (rest.length) {
    const mean = new Dec(2 * pos + rest.length - 1).dividedBy(2);
    for (const x of rest) out.set(x, mean);
  }
  return out;
}

/**
 * Kendall's coefficient of concordance W for m raters' ranks of n items, with the tie correction
 * (see {@link KENDALL_W_SOURCE}). Each rater's ranks are 1..n with ties as mean ranks.
 *
 * @example
 * ```ts
 * // 3 raters, 4 items: rank sums 4, 6, 8, 12 → S = 35, W = 12·35 ÷ (9·60) = 7/9
 * kendallW([
 *   { a: 1, b: 2, c: 3, d: 4 },
 *   { a: 1, b: 3, c: 2, d: 4 },
 *   { a: 2, b: 1, c: 3, d: 4 },
 * ]).w?.toFixed(4); // '0.7778'
 * ```
 */
export function kendallW(rankings: readonly Record<string, number | Decimal>[]): Agreement {
  const m = rankings.length;
  const items = [...new Set(rankings.flatMap((r) => Object.keys(r)))].sort(cmp);
  const n = items.length;
  if (m < 2 || n < 2) {
    return {
      method: 'kendall-w',
      w: null,
      raters: m,
      items: n,
      note: 'needs at least two raters and two items',
    };
  }
  const sums = new Map(items.map((i) => [i, ZERO]));
  let ties = ZERO;
  for (const r of rankings) {
    const seen = new Map<string, number>();
    for (const i of items) {
      const v = r[i];
      if (v === undefined) {
        return { method: 'kendall-w', w: null, raters: m, items: n, note: `a rater has no rank for ${i}` };
      }
      const d = dec(v);
      sums.set(i, sums.get(i)!.plus(d));
      seen.set(d.toString(), (seen.get(d.toString()) ?? 0) + 1);
    }
    for (const t of seen.values()) if (t > 1) ties = ties.plus(t * t * t - t);
  }
  const mean = new Dec(m * (n + 1)).dividedBy(2);
  let s = ZERO;
  for (const v of sums.values()) s = s.plus(v.minus(mean).pow(2));
  const denom = new Dec(m * m).times(n * n * n - n).minus(ties.times(m));
  if (denom.lte(0)) {
    return { method: 'kendall-w', w: null, raters: m, items: n, note: 'every rater tied every item' };
  }
  return { method: 'kendall-w', w: s.times(12).dividedBy(denom), raters: m, items: n };
}

/**
 * Rounds weights to `places` decimal places so they sum to exactly `total`, by largest
 * remainder (Hamilton's method): floor each, then give the remaining units to the largest
 * fractional parts (ties by key).
 *
 * @example
 * ```ts
 * largestRemainder({ a: '33.3333', b: '33.3333', c: '33.3334' }, 100, 0); // { a: 33, b: 33, c: 34 }
 * ```
 */
export function largestRemainder(
  exact: Readonly<Record<string, Decimal | string | number>>,
  total: number | string | Decimal = 100,
  places = 2,
): Record<string, Decimal> {
  const scale = new Dec(10).pow(places);
  const keys = Object.keys(exact).sort(cmp);
  const target = dec(total).times(scale).toDecimalPlaces(0, Dec.ROUND_HALF_UP);
  const scaled = keys.map((k) => dec(exact[k]!).times(scale).toDecimalPlaces(28, Dec.ROUND_HALF_UP));
  const floors = scaled.map((v) => v.floor());
  let remaining = target.minus(floors.reduce((a, b) => a.plus(b), ZERO)).toNumber();
  const byFraction = keys
    .map((_k, i) => ({ i, frac: scaled[i]!.minus(floors[i]!) }))
    .sort((a, b) => b.frac.comparedTo(a.frac) || cmp(keys[a.i]!, keys[b.i]!));
  let cursor = 0;
  while (remaining > 0 && byFraction.length) {
    const { i } = byFraction[cursor % byFraction.length]!;
    floors[i] = floors[i]!.plus(1);
    remaining--;
    cursor++;
  }
  cursor = byFraction.length - 1;
  while (remaining < 0 && byFraction.length) {
    const { i } = byFraction[((cursor % byFraction.length) + byFraction.length) % byFraction.length]!;
    floors[i] = floors[i]!.minus(1);
    remaining++;
    cursor--;
  }
  return Object.fromEntries(keys.map((k, i) => [k, floors[i]!.dividedBy(scale)]));
}

/**
 * One respondent's answers as weighed: their group, share per item and rank per item.
 *
 * @example
 * ```ts
 * const p: PriorityRespondent = { id: 'r1', group: 'residents', shares: new Map(), ranks: new Map() };
 * ```
 */
export interface PriorityRespondent {
  id: string;
  group: string;
  shares: Map<string, Decimal>;
  ranks: Map<string, Decimal>;
}

function summarise(
  people: readonly PriorityRespondent[],
  items: readonly string[],
  exactShares: Map<string, Decimal>,
  precision: number,
): PriorityWeights {
  const exact: Record<string, Decimal> = {};
  for (const i of items) exact[i] = exactShares.get(i)!.times(HUNDRED).toDecimalPlaces(28, Dec.ROUND_HALF_UP);
  const weights = largestRemainder(exact, 100, precision);
  const ranking = [...items]
    .sort((a, b) => exact[b]!.comparedTo(exact[a]!) || cmp(a, b))
    .map((item, k) => ({ rank: k + 1, item, weight: weights[item]! }));
  const agreement = kendallW(people.map((p) => Object.fromEntries(p.ranks)));
  return { respondents: people.length, weights, exact, ranking, agreement };
}

function meanShares(people: readonly PriorityRespondent[], items: readonly string[]): Map<string, Decimal> {
  const out = new Map<string, Decimal>();
  for (const i of items) {
    let s = ZERO;
    for (const p of people) s = s.plus(p.shares.get(i) ?? ZERO);
    out.set(i, people.length ? s.dividedBy(people.length) : ZERO);
  }
  return out;
}

/** A survey row that passed its schema, with where it came from. */
export interface ParsedPriorityRow {
  row: PriorityRow;
  where: Omit<Issue, 'code' | 'message'>;
}

/**
 * Stage 1 of {@link analysePriorities}: checks each row with {@link PriorityRowSchema} (invalid
 * rows rejected with located issues) and hashes the survey's canonical rows (sorted, so the hash
 * does not depend on row order).
 *
 * @example
 * ```ts
 * parsePriorityRows([{ respondent: 'r1', group: 'g', item: 'jobs', points: 60 }]).read; // 1
 * ```
 */
export function parsePriorityRows(rows: Iterable<PriorityRowInput>): {
  parsed: ParsedPriorityRow[];
  read: number;
  rejected: number;
  hash: string;
  issues: Issue[];
} {
  const issues: Issue[] = [];
  const parsed: ParsedPriorityRow[] = [];
  const canonical: string[] = [];
  let read = 0;
  let rejected = 0;
  for (const input of rows) {
    read++;
    const line = typeof input?.line === 'number' ? input.line : undefined;
    const where: Omit<Issue, 'code' | 'message'> = line !== undefined ? { line } : { path: [read - 1] };
    const raw = (v: unknown) => (v === undefined || v === null ? '' : String(v).trim());
    canonical.push(
      [
        raw(input?.respondent),
        raw(input?.group),
        raw(input?.item),
        raw(input?.points),
        raw(input?.rank),
      ].join('\t'),
    );
    const r = PriorityRowSchema.safeParse(input);
    if (!r.success) {
      rejected++;
      for (const i of fromZodError(r.error, where)) {
        const f = i.path?.[line !== undefined ? 0 : 1];
        issues.push(typeof f === 'string' ? { ...i, field: f } : i);
      }
      continue;
    }
    parsed.push({ row: r.data, where });
  }
  const hash = sha256Hex(canonical.sort().join('\n'));

  return { parsed, read, rejected, hash, issues };
}

/**
 * Stage 2 of {@link analysePriorities}: keeps the rows that give the method's value (points or
 * rank) for a declared item; the others are rejected with located issues.
 *
 * @example
 * ```ts
 * usablePriorityRows(parsed, 'points', undefined).usable.length;
 * ```
 */
export function usablePriorityRows(
  parsed: readonly ParsedPriorityRow[],
  method: 'points' | 'ranks',
  declared: ReadonlySet<string> | undefined,
): { usable: ParsedPriorityRow[]; rejected: number; issues: Issue[] } {
  const issues: Issue[] = [];
  let rejected = 0;
  const valueField = method === 'points' ? 'points' : 'rank';
  const usable: ParsedPriorityRow[] = [];
  for (const p of parsed) {
    if (p.row[valueField] === undefined) {
      rejected++;
      issues.push(
        issue(
          'priority_value_missing',
          `the row has no ${valueField}: give the ${valueField} for ${p.row.item}`,
          { ...p.where, field: valueField },
        ),
      );
      continue;
    }
    if (declared && !declared.has(p.row.item)) {
      rejected++;
      issues.push(
        issue(
          'priority_item_unknown',
          `"${p.row.item}" is not one of the survey items (${[...declared].join(', ')}): correct it`,
          { ...p.where, field: 'item' },
        ),
      );
      continue;
    }
    usable.push(p);
  }

  return { usable, rejected, issues };
}

/**
 * Stage 3 of {@link analysePriorities}: each respondent's shares and ranks. A respondent whose
 * rows mix groups, repeat an item or allocate no points is rejected whole; ties, gaps and
 * unranked items are read as the method says, with warnings.
 *
 * @example
 * ```ts
 * priorityRespondents(usable, ['climate', 'jobs'], 'points').people[0]?.shares.get('jobs')?.toString(); // '0.6'
 * ```
 */
export function priorityRespondents(
  usable: readonly ParsedPriorityRow[],
  items: readonly string[],
  method: 'points' | 'ranks',
): { people: PriorityRespondent[]; rejected: number; issues: Issue[] } {
  const issues: Issue[] = [];
  let rejected = 0;
  // Respondents: whole-respondent checks.
  const byRespondent = new Map<string, ParsedPriorityRow[]>();
  for (const p of usable) {
    const list = byRespondent.get(p.row.respondent) ?? [];
    list.push(p);
    byRespondent.set(p.row.respondent, list);
  }
  const n = items.length;
  const people: PriorityRespondent[] = [];
  for (const id of [...byRespondent.keys()].sort(cmp)) {
    const list = byRespondent.get(id)!;
    const first = list[0]!.where;
    const groups = [...new Set(list.map((p) => p.row.group))].sort(cmp);
    const reject = (code: IssueCode, message: string) => {
      rejected += list.length;
      issues.push(
        issue(code, message, { ...first, field: code === 'respondent_mixed_groups' ? 'group' : 'item' }),
      );
    };
    if (groups.length > 1) {
      reject(
        'respondent_mixed_groups',
        `respondent ${id} appears in groups ${groups.join(', ')}: a respondent belongs to one group; correct their rows (all ${list.length} were left out)`,
      );
      continue;
    }
    const seen = new Set<string>();
    const dupes = new Set<string>();
    for (const p of list) (seen.has(p.row.item) ? dupes : seen).add(p.row.item);
    if (dupes.size) {
      reject(
        'respondent_duplicate_item',
        `respondent ${id} answered ${[...dupes].sort(cmp).join(', ')} more than once: keep one answer per item (all ${list.length} rows were left out)`,
      );
      continue;
    }
    const person: PriorityRespondent = { id, group: groups[0]!, shares: new Map(), ranks: new Map() };
    if (method === 'points') {
      const total = list.reduce((a, p) => a.plus(p.row.points!), ZERO);
      if (total.isZero()) {
        reject('respondent_no_points', `respondent ${id} allocated no points: they were left out`);
        continue;
      }
      const pts = new Map(list.map((p) => [p.row.item, p.row.points!]));
      for (const i of items) person.shares.set(i, (pts.get(i) ?? ZERO).dividedBy(total));
      // Agreement on the ranks the points induce (more points = better rank).
      person.ranks = fractionalRanks(items, (i) => (pts.get(i) ?? ZERO).negated());
    } else {
      const rk = new Map(list.map((p) => [p.row.item, p.row.rank!]));
      const values = [...rk.values()].sort((a, b) => a - b);
      if (new Set(values).size < values.length) {
        issues.push(
          issue(
            'rank_tie',
            `respondent ${id} gave the same rank to more than one item: tied items share the mean of their positions`,
            { ...first, field: 'rank', severity: 'warning' },
          ),
        );
      }
      if (rk.size < n) {
        const missing = items.filter((i) => !rk.has(i));
        issues.push(
          issue(
            'rank_missing',
            `respondent ${id} did not rank ${missing.join(', ')}: unranked items tie at the bottom`,
            { ...first, field: 'rank', severity: 'warning' },
          ),
        );
      }
      if (values.some((v, k) => v !== k + 1) && new Set(values).size === values.length) {
        issues.push(
          issue(
            'rank_gap',
            `respondent ${id}'s ranks (${values.join(', ')}) are not 1 to ${values.length}: they are read as an order`,
            { ...first, field: 'rank', severity: 'warning' },
          ),
        );
      }
      person.ranks = fractionalRanks(items, (i) => (rk.has(i) ? new Dec(rk.get(i)!) : undefined));
      const perRespondent = new Dec(n * (n - 1)).dividedBy(2);
      for (const i of items) {
        const borda = new Dec(n).minus(person.ranks.get(i)!);
        person.shares.set(i, n === 1 ? ONE : borda.dividedBy(perRespondent));
      }
    }
    people.push(person);
  }

  return { people, rejected, issues };
}

/**
 * Stage 4 of {@link analysePriorities}: weights per group (mean share per item) and overall
 * (groups counting equally, or in proportion to their respondents), each rounded by largest
 * remainder to sum to exactly 100, with Kendall's W.
 *
 * @example
 * ```ts
 * weighPriorities(people, items, 'equal', 2).overall.weights;
 * ```
 */
export function weighPriorities(
  people: readonly PriorityRespondent[],
  items: readonly string[],
  groupWeighting: 'equal' | 'proportional',
  precision: number,
): {
  groupNames: string[];
  groups: Record<string, PriorityWeights>;
  groupShares: Record<string, Decimal>;
  overall: PriorityWeights;
} {
  const groupNames = [...new Set(people.map((p) => p.group))].sort(cmp);
  const groups: Record<string, PriorityWeights> = {};
  const groupMeans = new Map<string, Map<string, Decimal>>();
  for (const g of groupNames) {
    const members = people.filter((p) => p.group === g);
    const means = meanShares(members, items);
    groupMeans.set(g, means);
    groups[g] = summarise(members, items, means, precision);
  }
  const groupShares: Record<string, Decimal> = {};
  for (const g of groupNames) {
    groupShares[g] =
      groupWeighting === 'equal'
        ? ONE.dividedBy(groupNames.length)
        : new Dec(groups[g]!.respondents).dividedBy(people.length);
  }
  const overallShares = new Map<string, Decimal>();
  for (const i of items) {
    let s = ZERO;
    for (const g of groupNames) s = s.plus(groupMeans.get(g)!.get(i)!.times(groupShares[g]!));
    overallShares.set(i, s);
  }
  const overall = summarise(people, items, overallShares, precision);

  return { groupNames, groups, groupShares, overall };
}

/**
 * Turns a priority survey into weights for social value themes or outcomes, per stakeholder
 * group and overall. Points: each respondent's points become shares of their total, then the
 * mean share per item. Ranks: the standard Borda count (n − r points, see {@link BORDA_SOURCE}),
 * normalised per respondent the same way; tied ranks share the mean of their positions and
 * unranked items tie at the bottom (both with warnings). Agreement is Kendall's W on the ranks
 * (for points, on the ranks the points induce). Weights are `mean share × 100`, rounded by
 * largest remainder so they sum to exactly 100.
 *
 * A respondent whose rows repeat an item, mix groups, or allocate no points is rejected whole
 * (so the answer never depends on row order); invalid rows are rejected with located issues.
 * Surveys are held in memory (they are small); rows read = accepted + rejected.
 *
 * @example
 * ```ts
 * const r = analysePriorities([
 *   { respondent: 'r1', group: 'residents', item: 'jobs', points: 60 },
 *   { respondent: 'r1', group: 'residents', item: 'climate', points: 40 },
 *   { respondent: 'r2', group: 'residents', item: 'jobs', points: 10 },
 *   { respondent: 'r2', group: 'residents', item: 'climate', points: 30 },
 * ]);
 * r.ok && r.value.overall.weights; // { climate: Dec('57.5'), jobs: Dec('42.5') }
 * ```
 */
export function analysePriorities(
  rows: Iterable<PriorityRowInput>,
  options: PrioritiesOptions = {},
): Result<Priorities> {
  const issues: Issue[] = [];
  const precision = options.precision ?? 2;
  const groupWeighting = options.groups ?? 'proportional';
  const rowsIn = parsePriorityRows(rows);
  const { parsed, read, hash } = rowsIn;
  let rejected = rowsIn.rejected;
  for (const x of rowsIn.issues) issues.push(x);

  // The method: declared, or the one every row uses.
  let method = options.method;
  if (!method) {
    const withPoints = parsed.filter((p) => p.row.points !== undefined).length;
    const withRank = parsed.filter((p) => p.row.rank !== undefined).length;
    if (withPoints && withRank) {
      return fail([
        ...issues,
        issue(
          'priority_method_mixed',
          'some rows give points and others ranks: declare the method (points or ranks) or split the survey',
        ),
      ]);
    }
    method = withRank ? 'ranks' : 'points';
  }
  const declared = options.items ? new Set(options.items.map((i) => i.trim())) : undefined;
  const kept = usablePriorityRows(parsed, method, declared);
  const usable = kept.usable;
  rejected += kept.rejected;
  for (const x of kept.issues) issues.push(x);

  const items = declared ? [...declared].sort(cmp) : [...new Set(usable.map((p) => p.row.item))].sort(cmp);
  const resp = priorityRespondents(usable, items, method);
  const people = resp.people;
  rejected += resp.rejected;
  for (const x of resp.issues) issues.push(x);

  if (!people.length) {
    return fail([
      ...issues,
      issue('priority_no_respondents', 'no respondent gave usable answers: check the survey rows'),
    ]);
  }

  const { groupNames, groups, groupShares, overall } = weighPriorities(
    people,
    items,
    groupWeighting,
    precision,
  );

  const scoring =
    method === 'points'
      ? 'points allocation: each respondent’s points ÷ their total, mean share per item × 100'
      : 'Borda count: n − r points for rank r of n items, ÷ n(n − 1)/2 per respondent, mean share per item × 100';
  const { trace } = explain(
    HUNDRED,
    groupWeighting === 'equal'
      ? 'weight = mean over groups (each group counts equally) of the mean share per item × 100, rounded by largest remainder'
      : 'weight = mean over all respondents of the share per item × 100, rounded by largest remainder',
    {
      respondents: String(people.length),
      groups: groupNames.join(', '),
      survey: hash,
      ...(method === 'ranks'
        ? { method: { value: 'Borda count', source: BORDA_SOURCE } }
        : { method: 'points allocation' }),
    },
    [scoring, `precision: ${precision} decimal places; weights sum to exactly 100`],
  );

  const survey: Priorities['survey'] = { hash };
  if (options.survey?.name !== undefined) survey.name = options.survey.name;
  return ok(
    {
      method,
      scoring,
      groupWeighting,
      precision,
      items,
      overall,
      groups,
      groupShares,
      rows: { read, accepted: read - rejected, rejected },
      survey,
      trace,
      issues,
    },
    issues,
  );
}
