import { z } from 'zod';
import { CommonwealError, fail, type Issue, issue, ok, type Result } from '../issues/issues';
import { fromZodError } from '../issues/zod';
import { type Decimal, type DecimalLike, isDecimal, ZERO } from '../money/decimal';
import { RATIO_ROUNDING, round } from '../money/round';
import { FractionSchema } from '../money/schema';
import { cite, type Provenance } from '../trace/provenance';
import { explain, type Trace } from '../trace/trace';
import { DecimalValueSchema } from './amount';
import type { SpendAnalysis } from './spend';

/**
 * The method LM3 follows: NEF's Local Multiplier 3 (Sacks, *The Money Trail*, 2002).
 *
 * @example
 * ```ts
 * LM3_SOURCE.publisher; // 'New Economics Foundation'
 * ```
 */
export const LM3_SOURCE: Provenance = {
  title: 'The Money Trail: measuring your impact on the local economy using LM3',
  publisher: 'New Economics Foundation',
  edition: '2002 (Justin Sacks)',
  url: 'https://www.proveandimprove.org/tools/localmultiplier3.php',
  licence: 'method (no data reused)',
};

/**
 * The two kinds of local recipient in round 2: local suppliers and local staff.
 *
 * @example
 * ```ts
 * const g: Lm3Group = 'staff';
 * ```
 */
export type Lm3Group = 'suppliers' | 'staff';
const GROUPS: readonly Lm3Group[] = ['suppliers', 'staff'];

const Amount = DecimalValueSchema;
const NonNegative = Amount.refine((d) => !d.isNegative(), { message: 'must not be negative' });

/**
 * One local recipient of round-2 spend (a local supplier, or local staff as a group) with what
 * their survey says about round 3: either the amount they re-spend locally (`reSpend`,
 * `basis: 'surveyed'`) or the share of their income re-spent locally (`reSpendShare`, 0–1, applied
 * to `round2`). Leave both out when the recipient was not surveyed: the result is then partial.
 *
 * @example
 * ```ts
 * Lm3RecipientSchema.parse({ group: 'suppliers', name: 'Exe Bakers', round2: '40', reSpendShare: '0.5' });
 * ```
 */
export const Lm3RecipientSchema = z.object({
  group: z.enum(['suppliers', 'staff']),
  name: z.string().optional(),
  round2: NonNegative,
  reSpend: NonNegative.optional(),
  reSpendShare: FractionSchema.optional(),
  /** `extrapolated` when the share comes from other respondents (the default for a share). */
  basis: z.enum(['surveyed', 'extrapolated']).optional(),
  line: z.number().int().min(1).optional(),
});

/**
 * An LM3 recipient as given (see {@link Lm3RecipientSchema}).
 *
 * @example
 * ```ts
 * const r: Lm3RecipientInput = { group: 'staff', round2: '10000', reSpendShare: '0.6' };
 * ```
 */
export type Lm3RecipientInput = z.input<typeof Lm3RecipientSchema>;

/**
 * LM3 with each round's make-up. `round3.amount` is `null` when no recipient was surveyed;
 * `status: 'partial'` (with `missing` groups) means round 3 is incomplete and `lm3` is a lower
 * bound, never a silent zero.
 *
 * @example
 * ```ts
 * const r = lm3({ round1: '100', round2: '40', round3: '20' });
 * r.ok && r.value.lm3.toString(); // '1.6'
 * ```
 */
export interface Lm3Result {
  lm3: Decimal;
  status: 'complete' | 'partial';
  label: string;
  rounds: {
    round1: { amount: Decimal };
    round2: { amount: Decimal; suppliers: Decimal; staff: Decimal };
    round3: {
      amount: Decimal | null;
      surveyed: Decimal;
      extrapolated: Decimal;
      missing: Lm3Group[];
      /** Round-2 spend whose recipients gave no survey answer. */
      unsurveyedRound2: Decimal;
    };
  };
  trace: Trace;
}

/**
 * Options for LM3 checks.
 *
 * @example
 * ```ts
 * lm3({ round1: 100, round2: 120 }, { classic: false }); // R2 > R1 is then a warning
 * ```
 */
export interface Lm3Options {
  /**
   * The classic definition (default true): R2 ≤ R1 and R3 ≤ R2, otherwise an error. With
   * `false` they are warnings (e.g. when round 2 also spends income from other sources).
   */
  classic?: boolean;
}

interface GroupSums {
  round2: Decimal;
  surveyed: Decimal;
  extrapolated: Decimal;
  unsurveyed: Decimal;
  unsurveyedCount: number;
  answered: number;
}
const groupSums = (): GroupSums => ({
  round2: ZERO,
  surveyed: ZERO,
  extrapolated: ZERO,
  unsurveyed: ZERO,
  unsurveyedCount: 0,
  answered: 0,
});

/**
 * Mergeable LM3 round sums: round 1 income, and per group (suppliers, staff) the round-2 spend
 * and its round-3 re-spend (surveyed and extrapolated parts kept apart). The ratio is computed
 * once, in `result()`.
 *
 * @example
 * ```ts
 * const acc = createLm3Accumulator();
 * acc.addRound1('100');
 * acc.addRecipient({ group: 'suppliers', round2: '30', reSpend: '15' });
 * acc.addRecipient({ group: 'staff', round2: '10', reSpend: '5' });
 * const r = acc.result(); // LM3 1.6
 * ```
 */
export interface Lm3Accumulator {
  /** Adds income to round 1 (e.g. a contract value or a budget line). */
  addRound1(amount: DecimalLike, where?: { line?: number }): Lm3Accumulator;
  /** Adds one round-2 recipient and its round-3 survey answer. */
  addRecipient(row: Lm3RecipientInput): Lm3Accumulator;
  /** Folds another accumulator's sums into this one. */
  merge(other: Lm3Accumulator): Lm3Accumulator;
  /** LM3 from the sums so far. */
  result(): Result<Lm3Result>;
}

class Lm3Acc implements Lm3Accumulator {
  readonly #classic: boolean;
  #round1 = ZERO;
  #groups: Record<Lm3Group, GroupSums> = { suppliers: groupSums(), staff: groupSums() };
  #issues: Issue[] = [];
  #read = 0;

  constructor(options: Lm3Options) {
    this.#classic = options.classic ?? true;
  }

  addRound1(amount: DecimalLike, where: { line?: number } = {}): Lm3Accumulator {
    const r = Amount.safeParse(amount);
    if (!r.success)
      for (const x of fromZodError(r.error, { ...where, field: 'round1' })) this.#issues.push(x);
    else this.#round1 = this.#round1.plus(r.data);
    return this;
  }

  addRecipient(input: Lm3RecipientInput): Lm3Accumulator {
    this.#read++;
    const line = typeof input?.line === 'number' ? input.line : undefined;
    const where: Omit<Issue, 'code' | 'message'> =
      line !== undefined ? { line } : { path: ['recipients', this.#read - 1] };
    const r = Lm3RecipientSchema.safeParse(input);
    if (!r.success) {
      for (const x of fromZodError(r.error, where)) this.#issues.push(x);
      return this;
    }
    const row = r.data;
    if (row.reSpend !== undefined && row.reSpendShare !== undefined) {
      this.#issues.push(
        issue(
          'lm3_respend_ambiguous',
          'give either reSpend (an amount) or reSpendShare (a share), not both',
          { ...where, field: 'reSpend' },
        ),
      );
      return this;
    }
    const g = this.#groups[row.group];
    g.round2 = g.round2.plus(row.round2);
    if (row.reSpend !== undefined) {
      if ((row.basis ?? 'surveyed') === 'surveyed') g.surveyed = g.surveyed.plus(row.reSpend);
      else g.extrapolated = g.extrapolated.plus(row.reSpend);
      g.answered++;
    } else if (row.reSpendShare !== undefined) {
      const amount = row.round2.times(row.reSpendShare);
      if ((row.basis ?? 'extrapolated') === 'surveyed') g.surveyed = g.surveyed.plus(amount);
      else g.extrapolated = g.extrapolated.plus(amount);
      g.answered++;
    } else {
      g.unsurveyed = g.unsurveyed.plus(row.round2);
      g.unsurveyedCount++;
    }
    return this;
  }

  merge(other: Lm3Accumulator): Lm3Accumulator {
    if (!(other instanceof Lm3Acc) || other === this)
      throw new CommonwealError(
        'merge_mismatch',
        'can only merge another accumulator made by createLm3Accumulator',
      );
    if (other.#classic !== this.#classic)
      throw new CommonwealError('merge_mismatch', 'cannot merge LM3 accumulators with different options');
    this.#round1 = this.#round1.plus(other.#round1);
    for (const k of GROUPS) {
      const a = this.#groups[k];
      const b = other.#groups[k];
      a.round2 = a.round2.plus(b.round2);
      a.surveyed = a.surveyed.plus(b.surveyed);
      a.extrapolated = a.extrapolated.plus(b.extrapolated);
      a.unsurveyed = a.unsurveyed.plus(b.unsurveyed);
      a.unsurveyedCount += b.unsurveyedCount;
      a.answered += b.answered;
    }
    for (const x of other.#issues) this.#issues.push(x);
    this.#read += other.#read;
    return this;
  }

  result(): Result<Lm3Result> {
    const missing = GROUPS.filter(
      (k) => this.#groups[k].unsurveyedCount > 0 && this.#groups[k].unsurveyed.gt(0),
    );
    const any = GROUPS.some((k) => this.#groups[k].answered > 0);
    return computeLm3(
      {
        round1: this.#round1,
        suppliers: this.#groups.suppliers,
        staff: this.#groups.staff,
        missing,
        round3Known: any,
      },
      this.#classic,
      [...this.#issues],
    );
  }
}

/**
 * Creates mergeable LM3 round sums (see {@link Lm3Accumulator}).
 *
 * @example
 * ```ts
 * const a = createLm3Accumulator().addRound1('100');
 * const b = createLm3Accumulator().addRecipient({ group: 'suppliers', round2: '40', reSpend: '20' });
 * a.merge(b).result(); // LM3 1.6
 * ```
 */
export function createLm3Accumulator(options: Lm3Options = {}): Lm3Accumulator {
  return new Lm3Acc(options);
}

interface Sums {
  round1: Decimal;
  suppliers: GroupSums;
  staff: GroupSums;
  missing: Lm3Group[];
  round3Known: boolean;
}

function computeLm3(s: Sums, classic: boolean, issues: Issue[]): Result<Lm3Result> {
  if (issues.some((i) => i.severity !== 'warning')) return fail(issues);
  const r1 = s.round1;
  if (r1.isZero()) {
    return fail([
      ...issues,
      issue(
        'lm3_round1_zero',
        'round 1 (the income or contract value) is zero: LM3 divides by it; give the income that was spent',
        { field: 'round1' },
      ),
    ]);
  }
  if (r1.isNegative()) {
    return fail([
      ...issues,
      issue(
        'lm3_round1_negative',
        'round 1 (the income or contract value) is negative: give the income that was spent',
        { field: 'round1' },
      ),
    ]);
  }
  const r2 = s.suppliers.round2.plus(s.staff.round2);
  const surveyed = s.suppliers.surveyed.plus(s.staff.surveyed);
  const extrapolated = s.suppliers.extrapolated.plus(s.staff.extrapolated);
  const r3 = s.round3Known || r2.isZero() ? surveyed.plus(extrapolated) : null;
  const severity = classic ? {} : { severity: 'warning' as const };
  const checks: Issue[] = [];
  if (r2.gt(r1)) {
    checks.push(
      issue(
        'lm3_round2_exceeds_round1',
        `round 2 (${r2.toString()}) is more than round 1 (${r1.toString()}): local spend cannot exceed the income it comes from under the classic definition; check both`,
        {
          field: 'round2',
          ...severity,
        },
      ),
    );
  }
  if (r3?.gt(r2)) {
    checks.push(
      issue(
        'lm3_round3_exceeds_round2',
        `round 3 (${r3.toString()}) is more than round 2 (${r2.toString()}): local re-spend cannot exceed what recipients received under the classic definition; check the survey`,
        {
          field: 'round3',
          ...severity,
        },
      ),
    );
  }
  const all = [...issues, ...checks];
  if (classic && checks.length) return fail(all);

  const missing = [...s.missing];
  if (r3 === null && r2.gt(0)) {
    for (const g of GROUPS) if (s[g].round2.gt(0) && !missing.includes(g)) missing.push(g);
  }
  const unsurveyed = s.suppliers.unsurveyed.plus(s.staff.unsurveyed);
  const partial = missing.length > 0;
  if (partial) {
    all.push(
      issue(
        'lm3_round3_missing',
        r3 === null
          ? 'no round-3 survey data: LM3 counts rounds 1 and 2 only and is a lower bound; survey local suppliers and staff on their local re-spend'
          : `round-3 survey data is missing for ${missing.join(' and ')} (${unsurveyed.toString()} of round 2): LM3 is a lower bound; survey them or extrapolate a surveyed share`,
        { field: 'round3', severity: 'warning' },
      ),
    );
  }
  const value = r1
    .plus(r2)
    .plus(r3 ?? ZERO)
    .dividedBy(r1);
  const label = partial
    ? `LM3 (partial: round 3 missing for ${missing.join(' and ')}; a lower bound)`
    : 'LM3';
  const notes = [
    `method: ${cite(LM3_SOURCE)}`,
    'round 2 = local spend on suppliers and staff; round 3 = their local re-spend',
  ];
  if (partial) notes.push(label);
  const { trace } = explain(
    value,
    'LM3 = (round 1 + round 2 + round 3) ÷ round 1',
    {
      'round 1': { value: r1.toString(), source: LM3_SOURCE },
      'round 2': r2.toString(),
      'round 3': r3 === null ? 'not surveyed' : r3.toString(),
    },
    notes,
  );
  return ok(
    {
      lm3: value,
      status: partial ? 'partial' : 'complete',
      label,
      rounds: {
        round1: { amount: r1 },
        round2: { amount: r2, suppliers: s.suppliers.round2, staff: s.staff.round2 },
        round3: { amount: r3, surveyed, extrapolated, missing, unsurveyedRound2: unsurveyed },
      },
      trace,
    },
    all,
  );
}

const Round2Schema = z.union([Amount, z.object({ suppliers: Amount.optional(), staff: Amount.optional() })]);
const Round3Schema = z.union([
  Amount,
  z.object({ surveyed: Amount.optional(), extrapolated: Amount.optional() }),
]);

/**
 * LM3 rounds given directly. `round3` left out (or `null`) means not surveyed: the result is
 * partial, with an issue.
 *
 * @example
 * ```ts
 * const input: Lm3RoundsInput = { round1: '100', round2: { suppliers: '30', staff: '10' }, round3: '20' };
 * ```
 */
export const Lm3RoundsSchema = z.object({
  round1: Amount,
  round2: Round2Schema,
  round3: Round3Schema.nullable().optional(),
});

/**
 * LM3 rounds as given (see {@link Lm3RoundsSchema}).
 *
 * @example
 * ```ts
 * const rounds: Lm3RoundsInput = { round1: '100', round2: '40', round3: '20' };
 * ```
 */
export type Lm3RoundsInput = z.input<typeof Lm3RoundsSchema>;

/**
 * LM3 = (R1 + R2 + R3) ÷ R1 (NEF, economy.md §1). R1 = 0 fails; R2 > R1 or R3 > R2 fail under
 * the classic definition; a missing R3 gives a partial result labelled as a lower bound.
 *
 * @example
 * ```ts
 * const r = lm3({ round1: '100', round2: '40', round3: '20' }); // economy.md §1 worked example
 * r.ok && r.value.lm3.toString(); // '1.6'
 * ```
 */
export function lm3(rounds: Lm3RoundsInput, options: Lm3Options = {}): Result<Lm3Result> {
  const parsed = Lm3RoundsSchema.safeParse(rounds);
  if (!parsed.success) return fail(fromZodError(parsed.error));
  const { round1, round2, round3 } = parsed.data;
  const suppliers = groupSums();
  const staff = groupSums();
  if (isDecimal(round2)) suppliers.round2 = round2;
  else {
    suppliers.round2 = round2.suppliers ?? ZERO;
    staff.round2 = round2.staff ?? ZERO;
  }
  if (round3 !== null && round3 !== undefined) {
    if (isDecimal(round3)) suppliers.surveyed = round3;
    else {
      suppliers.surveyed = round3.surveyed ?? ZERO;
      suppliers.extrapolated = round3.extrapolated ?? ZERO;
    }
  }
  return computeLm3(
    { round1, suppliers, staff, missing: [], round3Known: round3 !== null && round3 !== undefined },
    options.classic ?? true,
    [],
  );
}

/**
 * Options of {@link lm3FromSpend}: round 1 (the income spent), local staff spend, and the survey
 * shares of income that local suppliers and staff re-spend locally (0–1).
 *
 * @example
 * ```ts
 * const o: Lm3FromSpendOptions = { round1: '1000000', staffLocalSpend: '200000', reSpendShares: { suppliers: '0.4', staff: '0.5' } };
 * ```
 */
export interface Lm3FromSpendOptions extends Lm3Options {
  round1: DecimalLike;
  staffLocalSpend?: DecimalLike;
  reSpendShares: { suppliers?: DecimalLike; staff?: DecimalLike };
}

/**
 * LM3 from a spend analysis (round 2 suppliers = local spend) or a local amount, plus local
 * staff spend and survey re-spend shares: round 3 = Σ round 2 of a group × its re-spend share
 * (recorded as extrapolated from the survey). A group with round-2 spend but no share makes the
 * result partial; leaving out staff spend is a warning (round 2 then counts suppliers only).
 *
 * @example
 * ```ts
 * const r = lm3FromSpend('40', { round1: '100', reSpendShares: { suppliers: '0.5' } });
 * r.ok && r.value.lm3.toString(); // '1.6'
 * ```
 */
export function lm3FromSpend(
  source: SpendAnalysis | DecimalLike,
  options: Lm3FromSpendOptions,
): Result<Lm3Result> {
  const issues: Issue[] = [];
  const local =
    typeof source === 'object' && !isDecimal(source)
      ? (source as SpendAnalysis).local.amount
      : Amount.safeParse(source);
  const acc = createLm3Accumulator(options);
  acc.addRound1(options.round1);
  let suppliersR2: Decimal;
  if (isDecimal(local)) suppliersR2 = local;
  else if (local.success) suppliersR2 = local.data;
  else return fail(fromZodError(local.error, { field: 'round2' }));
  const shares = z
    .object({ suppliers: FractionSchema.optional(), staff: FractionSchema.optional() })
    .safeParse(
      Object.fromEntries(
        Object.entries(options.reSpendShares ?? {}).map(([k, v]) => [k, isDecimal(v) ? v.toString() : v]),
      ),
    );
  if (!shares.success) return fail(fromZodError(shares.error, { path: ['reSpendShares'] }));
  if (suppliersR2.isNegative()) {
    return fail([
      issue(
        'lm3_round2_negative',
        'local supplier spend is negative (credit notes exceed payments): LM3 needs positive local spend',
        { field: 'round2' },
      ),
    ]);
  }
  const supplierRow: Lm3RecipientInput = { group: 'suppliers', name: 'local suppliers', round2: suppliersR2 };
  if (shares.data.suppliers !== undefined) supplierRow.reSpendShare = shares.data.suppliers.toString();
  acc.addRecipient(supplierRow);
  if (options.staffLocalSpend === undefined) {
    issues.push(
      issue(
        'lm3_staff_missing',
        'local staff spend was not given: round 2 counts local suppliers only; add payroll to local residents for a full LM3',
        {
          field: 'staffLocalSpend',
          severity: 'warning',
        },
      ),
    );
  } else {
    const staffRow: Lm3RecipientInput = {
      group: 'staff',
      name: 'local staff',
      round2: options.staffLocalSpend,
    };
    if (shares.data.staff !== undefined) staffRow.reSpendShare = shares.data.staff.toString();
    acc.addRecipient(staffRow);
  }
  const r = acc.result();
  return r.ok ? ok(r.value, [...issues, ...r.issues]) : fail([...issues, ...r.issues]);
}

/**
 * The JSON form of an LM3 result: decimals as strings (`lm3` at full precision, `lm3Rounded`
 * with the ratio policy), `null` for an unsurveyed round 3.
 *
 * @example
 * ```ts
 * Lm3JsonSchema.parse(toLm3Json(result));
 * ```
 */
export const Lm3JsonSchema = z.object({
  lm3: z.string(),
  lm3Rounded: z.string(),
  status: z.enum(['complete', 'partial']),
  label: z.string(),
  rounds: z.object({
    round1: z.object({ amount: z.string() }),
    round2: z.object({ amount: z.string(), suppliers: z.string(), staff: z.string() }),
    round3: z.object({
      amount: z.string().nullable(),
      surveyed: z.string(),
      extrapolated: z.string(),
      missing: z.array(z.enum(['suppliers', 'staff'])),
      unsurveyedRound2: z.string(),
    }),
  }),
});

/**
 * The JSON form of an LM3 result (see {@link Lm3JsonSchema}).
 *
 * @example
 * ```ts
 * const json: Lm3Json = toLm3Json(result);
 * json.lm3Rounded; // e.g. '1.60'
 * ```
 */
export type Lm3Json = z.infer<typeof Lm3JsonSchema>;

/**
 * Turns an LM3 result into JSON (`{ lm3, lm3Rounded, status, label, rounds }`).
 *
 * @example
 * ```ts
 * const r = lm3({ round1: '100', round2: '40', round3: '20' });
 * r.ok && toLm3Json(r.value).lm3Rounded; // '1.60'
 * ```
 */
export function toLm3Json(result: Lm3Result): Lm3Json {
  const { round1, round2, round3 } = result.rounds;
  return {
    lm3: result.lm3.toString(),
    lm3Rounded: round(result.lm3, RATIO_ROUNDING),
    status: result.status,
    label: result.label,
    rounds: {
      round1: { amount: round1.amount.toString() },
      round2: {
        amount: round2.amount.toString(),
        suppliers: round2.suppliers.toString(),
        staff: round2.staff.toString(),
      },
      round3: {
        amount: round3.amount === null ? null : round3.amount.toString(),
        surveyed: round3.surveyed.toString(),
        extrapolated: round3.extrapolated.toString(),
        missing: [...round3.missing],
        unsurveyedRound2: round3.unsurveyedRound2.toString(),
      },
    },
  };
}
