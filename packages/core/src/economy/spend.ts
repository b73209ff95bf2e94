import { z } from 'zod';
import { CommonwealError, type Issue, issue } from '../issues/issues';
import { fromZodError } from '../issues/zod';
import { Dec, type Decimal, isDecimal, ZERO } from '../money/decimal';
import { MONEY_ROUNDING } from '../money/round';
import { explain, type Trace } from '../trace/trace';
import { DecimalValueSchema } from './amount';
import { SupplierFlagSchema } from './flags';
import type { VatBasis } from './headers';
import { PERIOD_GRANULARITIES, type PeriodGranularity, parseSpendDate, periodOf } from './period';
import { isLocalPostcode, type LocalArea, parseLocalArea } from './postcode';
import { REDACTION_MARKERS, type RedactionMarker, redactionMatcher } from './redaction';
import {
  normaliseSupplierId,
  normaliseSupplierName,
  type SupplierEntry,
  type SupplierRegister,
} from './supplier';

const OptionalText = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

/**
 * One line of a council spend file, after header mapping (see `mapSpendHeaders`). `date` is an
 * ISO date or timestamp (the time is dropped); `amount` is a decimal (string, number or Decimal;
 * credit notes are negative). A reader sets `line` so issues point at the file.
 *
 * @example
 * ```ts
 * SpendRowSchema.parse({ date: '2024-04-02', supplierName: 'Exe Bakers Ltd', amount: '1234.50', line: 2 });
 * ```
 */
export const SpendRowSchema = z.object({
  date: z.string().transform((v, ctx) => {
    const d = parseSpendDate(v, 'iso');
    if (!d.ok) {
      ctx.addIssue({ code: 'custom', message: d.reason });
      return z.NEVER;
    }
    return d.value;
  }),
  supplierName: z
    .string()
    .trim()
    .min(1, 'the supplier name is empty: if the council redacted it, write REDACTED'),
  supplierId: OptionalText,
  amount: DecimalValueSchema,
  transactionId: OptionalText,
  invoiceId: OptionalText,
  department: OptionalText,
  expenseType: OptionalText,
  purpose: OptionalText,
  cardTransaction: SupplierFlagSchema.optional(),
  vatBasis: z.enum(['inclusive', 'exclusive']).optional(),
  line: z.number().int().min(1).optional(),
});

/**
 * A spend row as given (strings, numbers or decimals).
 *
 * @example
 * ```ts
 * const row: SpendRowInput = { date: '2024-04-02', supplierName: 'Exe Bakers Ltd', amount: '-120.00', line: 7 };
 * ```
 */
export type SpendRowInput = z.input<typeof SpendRowSchema>;
/**
 * A parsed spend row (ISO date, decimal amount).
 *
 * @example
 * ```ts
 * const row: SpendRow = SpendRowSchema.parse({ date: '2017-07-03 00:00:00', supplierName: 'X', amount: '10' });
 * row.date; // '2017-07-03'
 * ```
 */
export type SpendRow = z.output<typeof SpendRowSchema>;

/**
 * Options of a spend analysis that can be written as JSON (see {@link SpendOptionsInput} for
 * the full options, which add the local area and supplier register). `vatBasis` is the file's
 * basis (rows on another basis are rejected; totals never mix bases); `exclude` the declared
 * out-of-scope rules (e.g. payments to other public bodies, redacted beneficiaries, a period);
 * `top` how many top suppliers to list; `periods` the period granularities; `maxIssues` how many
 * row issues to list (the rest are counted by code).
 *
 * @example
 * ```ts
 * SpendOptionsSchema.parse({ local: ['EX', 'TQ1'], vatBasis: 'exclusive', top: 300,
 *   exclude: { supplierNames: ['Devon County Council'], redacted: false } });
 * ```
 */
export const SpendOptionsSchema = z.object({
  local: z.array(z.string()).default([]),
  vatBasis: z.enum(['inclusive', 'exclusive']).optional(),
  exclude: z
    .object({
      redacted: z.boolean().default(false),
      supplierIds: z.array(z.string()).default([]),
      supplierNames: z.array(z.string()).default([]),
      departments: z.array(z.string()).default([]),
      expenseTypes: z.array(z.string()).default([]),
      from: z.iso.date().optional(),
      to: z.iso.date().optional(),
    })
    .default({ redacted: false, supplierIds: [], supplierNames: [], departments: [], expenseTypes: [] }),
  top: z.number().int().min(0).default(20),
  periods: z
    .array(z.enum(['month', 'quarter', 'financialYear', 'financialQuarter']))
    .default(['month', 'quarter', 'financialYear']),
  redactionMarkers: z
    .array(z.object({ text: z.string().min(1), match: z.enum(['contains', 'exact']) }))
    .default([]),
  maxIssues: z.number().int().min(1).default(1000),
});

/**
 * Spend analysis options as given: the JSON options of {@link SpendOptionsSchema}, with the
 * boundary `local` as postcode entries or a parsed `LocalArea`, and the `suppliers` register
 * that classifies suppliers (from `buildSupplierRegister`).
 *
 * @example
 * ```ts
 * const o: SpendOptionsInput = { local: ['EX1', 'EX2 4'], suppliers: register, top: 300 };
 * ```
 */
export type SpendOptionsInput = Omit<z.input<typeof SpendOptionsSchema>, 'local'> & {
  local?: readonly string[] | LocalArea;
  suppliers?: SupplierRegister;
};

/**
 * Spend analysis options with defaults applied.
 *
 * @example
 * ```ts
 * const o: SpendOptions = { ...SpendOptionsSchema.parse({ local: ['EX'] }), suppliers: register };
 * o.top; // 20
 * ```
 */
export type SpendOptions = z.output<typeof SpendOptionsSchema> & { suppliers?: SupplierRegister };

/**
 * An amount, its share of in-scope spend (`amount ÷ total`), and the number of rows.
 *
 * @example
 * ```ts
 * const s: SpendShare = { amount: dec('400'), share: dec('0.4'), count: 3 };
 * ```
 */
export interface SpendShare {
  amount: Decimal;
  share: Decimal;
  count: number;
}

/**
 * The classification slices reported for in-scope spend.
 *
 * @example
 * ```ts
 * for (const slice of SPEND_SLICES) console.log(slice, analysis[slice].share.toString());
 * ```
 */
export const SPEND_SLICES = [
  'local',
  'leakage',
  'locationUnknown',
  'sme',
  'vcse',
  'cooperative',
  'redacted',
  'unclassified',
] as const;

/**
 * One classification slice (see {@link SPEND_SLICES}).
 *
 * @example
 * ```ts
 * const s: SpendSlice = 'leakage';
 * ```
 */
export type SpendSlice = (typeof SPEND_SLICES)[number];

/**
 * In-scope spend of one period, with every slice's share of that period's total.
 *
 * @example
 * ```ts
 * analysis.byPeriod.financialYear?.[0]?.period; // '2024-25'
 * ```
 */
export type SpendPeriod = { period: string; total: SpendShare } & Record<SpendSlice, SpendShare>;

/**
 * A supplier's in-scope spend (one of the top suppliers). Flags are `undefined` when not known.
 *
 * @example
 * ```ts
 * analysis.topSuppliers[0]; // { rank: 1, name: 'Exe Bakers Ltd', amount: Dec('900'), share: Dec('0.5'), … }
 * ```
 */
export interface SpendSupplier extends SpendShare {
  rank: number;
  key: string;
  name: string;
  supplierId?: string;
  matched: boolean;
  local?: boolean;
  sme?: boolean;
  vcse?: boolean;
  cooperative?: boolean;
}

/**
 * The result of a spend analysis. Every share is `amount ÷ total` where `total` is in-scope
 * spend (accepted rows less declared exclusions); `local + leakage + locationUnknown + redacted +
 * unclassified = total` (redacted only while it is in scope). `leakage` is spend with register
 * suppliers outside the boundary; `locationUnknown` register suppliers without a usable
 * postcode; `unclassified` suppliers not in the register.
 *
 * @example
 * ```ts
 * const a: SpendAnalysis = analyseSpend(rows, { local: ['EX'], suppliers: register });
 * a.local.share.toString(); // e.g. '0.46'
 * ```
 */
export type SpendAnalysis = {
  rows: { read: number; accepted: number; rejected: number };
  gross: { amount: Decimal; count: number };
  excluded: { amount: Decimal; count: number; byRule: Record<string, { amount: Decimal; count: number }> };
  total: SpendShare;
  byPeriod: Partial<Record<PeriodGranularity, SpendPeriod[]>>;
  topSuppliers: SpendSupplier[];
  suppliers: { count: number; matched: number; unmatched: number; negative: number };
  definition: {
    local: string[];
    vatBasis: VatBasis | 'mixed' | 'unknown';
    redacted: 'in-scope' | 'excluded';
    exclusions: string[];
    share: string;
    amountsRoundedToPence: number;
    top: number;
  };
  traces: Record<'local' | 'leakage' | 'sme' | 'vcse' | 'cooperative', Trace>;
  issues: Issue[];
} & Record<SpendSlice, SpendShare>;

/**
 * A mergeable, streaming spend accumulator. State is a fixed set of sums plus maps bounded by
 * the number of distinct suppliers and periods — never per row — so memory stays flat as a file
 * grows. `merge` folds another accumulator (same options) into this one: splitting a file and
 * merging the parts in file order gives exactly the one-pass result.
 *
 * @example
 * ```ts
 * const a = createSpendAccumulator({ local: ['EX'] });
 * const b = createSpendAccumulator({ local: ['EX'] });
 * a.add({ date: '2024-04-02', supplierName: 'Exe Bakers', amount: '100' });
 * b.add({ date: '2024-05-02', supplierName: 'Exe Bakers', amount: '50' });
 * a.merge(b).result().total.amount.toString(); // '150'
 * ```
 */
export interface SpendAccumulator {
  /** Adds one row (validated; an invalid row is rejected with issues). */
  add(row: SpendRowInput): SpendAccumulator;
  /** Folds another accumulator's sums into this one (the other is unchanged). */
  merge(other: SpendAccumulator): SpendAccumulator;
  /** The analysis so far (the accumulator can keep going). */
  result(): SpendAnalysis;
  /** Sizes of the state held, for checking that memory is bounded. */
  stateSize(): { suppliers: number; periods: number; issues: number };
}

interface Bucket {
  amount: Decimal;
  count: number;
  /**
   * Amounts added since the last settle, in pence, as an exact safe integer: a JS number that is
   * updated in place, so a big file does not leave a new Decimal per row and bucket behind.
   */
  pence: number;
}
type Slices = { total: Bucket } & Record<SpendSlice, Bucket>;
interface SupplierAgg extends Bucket {
  key: string;
  name: string;
  supplierId?: string;
  matched: boolean;
  local?: boolean;
  sme?: boolean;
  vcse?: boolean;
  cooperative?: boolean;
}

const bucket = (): Bucket => ({ amount: ZERO, count: 0, pence: 0 });
const slices = (): Slices => {
  const s = { total: bucket() } as Slices;
  for (const k of SPEND_SLICES) s[k] = bucket();
  return s;
};
const HUNDRED = new Dec(100);
/** Folds the pence into the Decimal amount. */
const settle = (b: Bucket) => {
  if (b.pence !== 0) {
    b.amount = b.amount.plus(new Dec(b.pence).dividedBy(HUNDRED));
    b.pence = 0;
  }
};
/** Adds an amount; `pence` is the same amount in pence when that is a safe integer (else NaN). */
const addTo = (b: Bucket, amount: Decimal, pence: number) => {
  b.count += 1;
  if (!Number.isNaN(pence)) {
    // both safe integers: the sum is exact whenever it is within ±(2^53 − 1)
    const next = b.pence + pence;
    if (next <= Number.MAX_SAFE_INTEGER && next >= -Number.MAX_SAFE_INTEGER) b.pence = next;
    else {
      settle(b);
      b.pence = pence;
    }
  } else b.amount = b.amount.plus(amount);
};
const fold = (a: Bucket, b: Bucket) => {
  settle(a);
  settle(b);
  a.amount = a.amount.plus(b.amount);
  a.count += b.count;
};
const foldSlices = (a: Slices, b: Slices) => {
  fold(a.total, b.total);
  for (const k of SPEND_SLICES) fold(a[k], b[k]);
};
const settleSlices = (s: Slices) => {
  settle(s.total);
  for (const k of SPEND_SLICES) settle(s[k]);
};
const copySlices = (b: Slices): Slices => {
  const s = slices();
  foldSlices(s, b);
  return s;
};
/** An amount with at most two decimal places in pence, when that is a safe integer; else NaN. */
const toPence = (amount: Decimal): number => {
  const p = amount.times(HUNDRED);
  return p.abs().lte(Number.MAX_SAFE_INTEGER) ? p.toNumber() : Number.NaN;
};
const plainBucket = (b: Bucket) => ({ amount: b.amount, count: b.count });
const OPTIONAL_TEXT = [
  'supplierId',
  'transactionId',
  'invoiceId',
  'department',
  'expenseType',
  'purpose',
] as const;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
/** Memo tables are bounded: past this many keys, values are worked out each time. */
const MEMO_LIMIT = 16_384;
/** A copy that does not keep a larger string (e.g. a chunk of a file) alive as a memo key. */
const detach = (s: string) => ` ${s}`.slice(1);
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');

const SHARE_FORMULA = 'share = Σ amount in the slice ÷ in-scope spend';

/** The VAT basis the analysis states, and what to say about it (the stage of `result()`). */
export interface VatBasisVerdict {
  vatBasis: SpendAnalysis['definition']['vatBasis'];
  issues: Issue[];
}

/**
 * The VAT basis of a total from the rows counted per basis (`inclusive`, `exclusive`,
 * `unknown`): one known basis is the total's; two are `mixed` (an error: totals never mix
 * bases); none is `unknown` (a warning asking to declare it, when there were rows).
 *
 * @example
 * ```ts
 * vatBasisVerdict(new Map([['exclusive', 10]]), 10).vatBasis; // 'exclusive'
 * vatBasisVerdict(new Map([['inclusive', 1], ['exclusive', 1]]), 2).issues[0]?.code; // 'vat_basis_mixed'
 * ```
 */
export function vatBasisVerdict(bases: ReadonlyMap<string, number>, rows: number): VatBasisVerdict {
  const issues: Issue[] = [];
  const known = [...bases.keys()].filter((b) => b !== 'unknown');
  let vatBasis: VatBasisVerdict['vatBasis'] = 'unknown';
  if (known.length > 1) {
    vatBasis = 'mixed';
    issues.push(
      issue(
        'vat_basis_mixed',
        'rows including VAT and rows excluding VAT were added together: analyse each basis separately (declare vatBasis)',
        { field: 'vatBasis' },
      ),
    );
  } else if (known.length === 1) {
    vatBasis = known[0] as VatBasis;
    if (bases.has('unknown'))
      issues.push(
        issue(
          'vat_basis_mixed',
          `some rows state no VAT basis while others are ${vatBasis}: declare vatBasis for every file`,
          { field: 'vatBasis', severity: 'warning' },
        ),
      );
  } else if (rows > 0) {
    issues.push(
      issue(
        'vat_basis_unknown',
        'the VAT basis of the amounts is not declared: declare vatBasis so shares are compared on one basis',
        { field: 'vatBasis', severity: 'warning' },
      ),
    );
  }
  return { vatBasis, issues };
}

/**
 * What to say about in-scope spend: zero while rows were read (every share is then 0), or
 * negative (credit notes exceed payments; shares are not meaningful). Both are warnings.
 *
 * @example
 * ```ts
 * inScopeIssues(3, dec('-10'))[0]?.code; // 'negative_total'
 * ```
 */
export function inScopeIssues(grossRows: number, total: Decimal): Issue[] {
  if (grossRows > 0 && total.isZero())
    return [
      issue(
        'no_in_scope_spend',
        'in-scope spend is zero, so every share is reported as 0: check the exclusions and the rows',
        { severity: 'warning' },
      ),
    ];
  if (total.isNegative())
    return [
      issue(
        'negative_total',
        'in-scope spend is negative (credit notes exceed payments): shares are not meaningful',
        { severity: 'warning' },
      ),
    ];
  return [];
}

/**
 * Suppliers ranked for the top-suppliers list: by amount, largest first, then by name and key,
 * so equal amounts rank the same whatever order the rows came in.
 *
 * @example
 * ```ts
 * rankSuppliers([{ key: 'b', name: 'B', amount: dec(5) }, { key: 'a', name: 'A', amount: dec(5) }])[0]?.key; // 'a'
 * ```
 */
export function rankSuppliers<T extends { key: string; name: string; amount: Decimal }>(
  suppliers: Iterable<T>,
): T[] {
  return [...suppliers].sort(
    (a, b) => b.amount.comparedTo(a.amount) || cmp(a.name, b.name) || cmp(a.key, b.key),
  );
}

/**
 * A warning for each supplier whose total is negative (credit notes exceed payments), in key
 * order.
 *
 * @example
 * ```ts
 * negativeSupplierIssues([{ key: 'a', name: 'Exe Bakers', amount: dec('-20') }]).length; // 1
 * ```
 */
export function negativeSupplierIssues(
  suppliers: Iterable<{ key: string; name: string; amount: Decimal }>,
): Issue[] {
  return [...suppliers]
    .filter((s) => s.amount.isNegative())
    .sort((a, b) => cmp(a.key, b.key))
    .map((s) =>
      issue(
        'negative_supplier_total',
        `${s.name} has a negative total (${s.amount.toFixed(2)}): credit notes exceed payments in this file; check for a missing payment or a refund`,
        { field: 'supplierName', severity: 'warning' },
      ),
    );
}

/**
 * The declared exclusions in words, for the definition every share rests on (lists sorted).
 *
 * @example
 * ```ts
 * declaredExclusions({ redacted: true, supplierIds: [], supplierNames: ['Devon County Council'],
 *   departments: [], expenseTypes: [] }); // ['redacted beneficiaries', 'suppliers: Devon County Council']
 * ```
 */
export function declaredExclusions(ex: SpendOptions['exclude']): string[] {
  const exclusions: string[] = [];
  if (ex.redacted) exclusions.push('redacted beneficiaries');
  if (ex.supplierIds.length) exclusions.push(`supplier ids: ${[...ex.supplierIds].sort().join(', ')}`);
  if (ex.supplierNames.length) exclusions.push(`suppliers: ${[...ex.supplierNames].sort().join(', ')}`);
  if (ex.departments.length) exclusions.push(`departments: ${[...ex.departments].sort().join(', ')}`);
  if (ex.expenseTypes.length) exclusions.push(`expense types: ${[...ex.expenseTypes].sort().join(', ')}`);
  if (ex.from !== undefined) exclusions.push(`payments before ${ex.from}`);
  if (ex.to !== undefined) exclusions.push(`payments after ${ex.to}`);
  return exclusions;
}

class Accumulator implements SpendAccumulator {
  readonly #options: SpendOptions;
  readonly #local: LocalArea;
  readonly #configIssues: Issue[];
  readonly #signature: string;
  readonly #markers: readonly RedactionMarker[];
  readonly #isRedacted: (name: string) => boolean;
  readonly #excluded: {
    ids: Set<string>;
    names: Set<string>;
    departments: Set<string>;
    expenseTypes: Set<string>;
  };
  #read = 0;
  #rejected = 0;
  #gross = bucket();
  #excludedTotal = bucket();
  #byRule = new Map<string, Bucket>();
  #all = slices();
  #periods = new Map<PeriodGranularity, Map<string, Slices>>();
  #suppliers = new Map<string, SupplierAgg>();
  #bases = new Map<string, number>();
  #rounded = 0;
  #issues: Issue[] = [];
  #suppressed = new Map<string, number>();
  /** Period granularities and their maps, in option order (arrays: no iterator per row). */
  #granularities: PeriodGranularity[] = [];
  #periodMaps: Map<string, Slices>[] = [];
  #labels = new Map<string, string[]>();
  #validDates = new Set<string>();
  #names = new Map<string, { name: string; redacted: boolean }>();
  readonly #file: string | undefined;

  constructor(input: SpendOptionsInput, context: SpendAccumulatorContext = {}) {
    this.#file = context.file;
    const { local, suppliers, ...rest } = input;
    const isArea =
      typeof local === 'object' && local !== null && !Array.isArray(local) && 'districts' in local;
    const parsed = SpendOptionsSchema.safeParse({ ...rest, local: isArea ? [] : (local ?? []) });
    if (!parsed.success) {
      throw new CommonwealError(
        'invalid_options',
        `spend options are invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      );
    }
    if (
      suppliers !== undefined &&
      !(typeof suppliers === 'object' && 'byId' in suppliers && 'signature' in suppliers)
    ) {
      throw new CommonwealError(
        'invalid_options',
        'spend options are invalid: suppliers must come from buildSupplierRegister',
      );
    }
    this.#options = suppliers ? { ...parsed.data, suppliers } : parsed.data;
    this.#configIssues = [];
    if (isArea) this.#local = local as LocalArea;
    else {
      const r = parseLocalArea(this.#options.local);
      for (const x of r.issues) this.#configIssues.push(x);
      if (!r.ok) throw new CommonwealError('invalid_options', 'the local area could not be read');
      this.#local = r.value;
    }
    if (this.#local.entries.length === 0) {
      this.#configIssues.push(
        issue(
          'local_area_empty',
          'no local area was given: every register supplier counts as leakage; declare the boundary (postcode areas, districts or sectors)',
          {
            field: 'local',
            severity: 'warning',
          },
        ),
      );
    }
    if (!this.#options.suppliers) {
      this.#configIssues.push(
        issue(
          'supplier_register_missing',
          'no supplier register was given: every supplier is unclassified; load one to classify local, SME, VCSE and co-operative spend',
          {
            severity: 'warning',
          },
        ),
      );
    }
    this.#markers = [...REDACTION_MARKERS, ...this.#options.redactionMarkers];
    this.#isRedacted = redactionMatcher(this.#markers);
    const ex = this.#options.exclude;
    this.#excluded = {
      ids: new Set(ex.supplierIds.map(normaliseSupplierId)),
      names: new Set(ex.supplierNames.map(normaliseSupplierName)),
      departments: new Set(ex.departments.map(norm)),
      expenseTypes: new Set(ex.expenseTypes.map(norm)),
    };
    for (const g of this.#options.periods) {
      if (this.#periods.has(g)) continue;
      const map = new Map<string, Slices>();
      this.#periods.set(g, map);
      this.#granularities.push(g);
      this.#periodMaps.push(map);
    }
    this.#signature = JSON.stringify([
      this.#local.entries,
      this.#options.suppliers?.signature ?? null,
      this.#options.vatBasis ?? null,
      ex,
      this.#options.top,
      this.#options.periods,
      this.#markers,
      this.#options.maxIssues,
    ]);
  }

  #report(i: Issue) {
    // Row issues name their file, so merged accumulators keep each issue's own file.
    if (this.#file !== undefined && i.file === undefined && (i.line !== undefined || i.path !== undefined))
      i = { ...i, file: this.#file };
    if (this.#issues.length < this.#options.maxIssues) this.#issues.push(i);
    else this.#suppressed.set(i.code, (this.#suppressed.get(i.code) ?? 0) + 1);
  }

  #exclusion(row: SpendRow, name: string, redacted: boolean): string | undefined {
    const ex = this.#options.exclude;
    if (ex.from !== undefined && row.date < ex.from) return 'before period';
    if (ex.to !== undefined && row.date > ex.to) return 'after period';
    const x = this.#excluded;
    if (!redacted) {
      if (row.supplierId !== undefined && x.ids.size && x.ids.has(normaliseSupplierId(row.supplierId)))
        return 'supplier';
      if (x.names.has(name)) return 'supplier';
    }
    if (row.department !== undefined && x.departments.size && x.departments.has(norm(row.department)))
      return 'department';
    if (row.expenseType !== undefined && x.expenseTypes.size && x.expenseTypes.has(norm(row.expenseType)))
      return 'expense type';
    return redacted && ex.redacted ? 'redacted' : undefined;
  }

  /**
   * A row a reader has already typed (ISO date, finite Decimal amount, trimmed non-empty text)
   * is exactly what {@link SpendRowSchema} would give back, so it skips the second parse.
   */
  #typed(input: SpendRowInput): SpendRow | undefined {
    if (typeof input !== 'object' || input === null) return undefined;
    const r = input as Record<string, unknown>;
    const amount = r.amount;
    if (!isDecimal(amount) || !amount.isFinite()) return undefined;
    const date = r.date;
    if (typeof date !== 'string' || !this.#validDate(date)) return undefined;
    const name = r.supplierName;
    if (typeof name !== 'string' || name.length === 0 || name.trim() !== name) return undefined;
    for (const k of OPTIONAL_TEXT) {
      const v = r[k];
      if (v !== undefined && (typeof v !== 'string' || v.length === 0 || v.trim() !== v)) return undefined;
    }
    const card = r.cardTransaction;
    if (card !== undefined && typeof card !== 'boolean') return undefined;
    const basis = r.vatBasis;
    if (basis !== undefined && basis !== 'inclusive' && basis !== 'exclusive') return undefined;
    const line = r.line;
    if (line !== undefined && !(typeof line === 'number' && Number.isInteger(line) && line >= 1))
      return undefined;
    if (amount.constructor === Dec) return input as SpendRow;
    return { ...(input as SpendRow), amount: new Dec(amount) };
  }

  #validDate(date: string): boolean {
    if (this.#validDates.has(date)) return true;
    if (!ISO_DAY.test(date) || !parseSpendDate(date, 'iso').ok) return false;
    if (this.#validDates.size < MEMO_LIMIT) this.#validDates.add(date);
    return true;
  }

  /** The supplier's normalised name and whether it is a redaction marker (remembered per name). */
  #nameOf(supplierName: string): { name: string; redacted: boolean } {
    const known = this.#names.get(supplierName);
    if (known !== undefined) return known;
    const info = { name: normaliseSupplierName(supplierName), redacted: this.#isRedacted(supplierName) };
    if (this.#names.size < MEMO_LIMIT) this.#names.set(detach(supplierName), info);
    return info;
  }

  /** The period labels of a date, in the order of the granularities (remembered per date). */
  #labelsOf(date: string): string[] {
    const known = this.#labels.get(date);
    if (known !== undefined) return known;
    const labels = this.#granularities.map((g) => periodOf(date, g));
    if (this.#labels.size < MEMO_LIMIT) this.#labels.set(date, labels);
    return labels;
  }

  add(input: SpendRowInput): SpendAccumulator {
    this.#read++;
    let row = this.#typed(input);
    if (row === undefined) {
      const line =
        typeof input === 'object' && input !== null && typeof input.line === 'number'
          ? input.line
          : undefined;
      const where: Omit<Issue, 'code' | 'message'> =
        line !== undefined ? { line } : { path: [this.#read - 1] };
      const parsed = SpendRowSchema.safeParse(input);
      if (!parsed.success) {
        this.#rejected++;
        for (const i of fromZodError(parsed.error, where)) {
          const f = i.path?.[line !== undefined ? 0 : 1];
          this.#report(typeof f === 'string' ? { ...i, field: f } : i);
        }
        return this;
      }
      row = parsed.data;
    }
    const where: Omit<Issue, 'code' | 'message'> =
      row.line !== undefined ? { line: row.line } : { path: [this.#read - 1] };
    if (this.#options.vatBasis && row.vatBasis && row.vatBasis !== this.#options.vatBasis) {
      this.#rejected++;
      this.#report(
        issue(
          'vat_basis_mismatch',
          `the row's amount is ${row.vatBasis} of VAT but the analysis is ${this.#options.vatBasis}: totals never mix bases; analyse the file separately`,
          {
            ...where,
            field: 'vatBasis',
          },
        ),
      );
      return this;
    }
    let amount = row.amount;
    if (amount.decimalPlaces() > MONEY_ROUNDING.places) {
      amount = amount.toDecimalPlaces(MONEY_ROUNDING.places, MONEY_ROUNDING.mode);
      this.#rounded++;
    }
    const pence = toPence(amount);
    const basis = row.vatBasis ?? this.#options.vatBasis ?? 'unknown';
    this.#bases.set(basis, (this.#bases.get(basis) ?? 0) + 1);
    addTo(this.#gross, amount, pence);

    const { name, redacted } = this.#nameOf(row.supplierName);
    const rule = this.#exclusion(row, name, redacted);
    if (rule !== undefined) {
      addTo(this.#excludedTotal, amount, pence);
      const b = this.#byRule.get(rule) ?? bucket();
      addTo(b, amount, pence);
      this.#byRule.set(rule, b);
      // Excluded redactions are still reported in the redacted slice, outside the total.
      if (rule === 'redacted') this.#addSlices(row.date, amount, pence, ['redacted'], false);
      return this;
    }

    const hit: SpendSlice[] = [];
    let agg: SupplierAgg | undefined;
    if (redacted) hit.push('redacted');
    else {
      const entry = this.#match(row.supplierId, name);
      if (!entry) {
        hit.push('unclassified');
        const key =
          row.supplierId !== undefined
            ? `unmatched-id:${normaliseSupplierId(row.supplierId)}`
            : `unmatched-name:${name || row.supplierName.toLowerCase()}`;
        agg = this.#supplier(key, row.supplierName, false, row.supplierId);
      } else {
        agg = this.#supplier(entry.key, entry.supplierName, true, entry.supplierId);
        if (entry.postcode) {
          const local = isLocalPostcode(entry.postcode, this.#local);
          hit.push(local ? 'local' : 'leakage');
          agg.local = local;
        } else hit.push('locationUnknown');
        if (entry.sme !== undefined) agg.sme = entry.sme;
        if (entry.vcse !== undefined) agg.vcse = entry.vcse;
        if (entry.cooperative !== undefined) agg.cooperative = entry.cooperative;
        if (entry.sme) hit.push('sme');
        if (entry.vcse) hit.push('vcse');
        if (entry.cooperative) hit.push('cooperative');
      }
      addTo(agg, amount, pence);
    }
    this.#addSlices(row.date, amount, pence, hit, true);
    return this;
  }

  #addSlices(date: string, amount: Decimal, pence: number, hit: readonly SpendSlice[], inScope: boolean) {
    if (inScope) addTo(this.#all.total, amount, pence);
    for (const k of hit) addTo(this.#all[k], amount, pence);
    const maps = this.#periodMaps;
    if (maps.length === 0) return;
    const labels = this.#labelsOf(date);
    for (let i = 0; i < maps.length; i++) {
      const map = maps[i]!;
      const label = labels[i]!;
      let s = map.get(label);
      if (!s) {
        s = slices();
        map.set(label, s);
      }
      if (inScope) addTo(s.total, amount, pence);
      for (const k of hit) addTo(s[k], amount, pence);
    }
  }

  /** Folds every bucket's pence into its Decimal amount (before reading or merging). */
  #settleAll(): void {
    settle(this.#gross);
    settle(this.#excludedTotal);
    for (const b of this.#byRule.values()) settle(b);
    settleSlices(this.#all);
    for (const map of this.#periodMaps) for (const s of map.values()) settleSlices(s);
    for (const s of this.#suppliers.values()) settle(s);
  }

  #match(id: string | undefined, name: string): SupplierEntry | undefined {
    const register = this.#options.suppliers;
    if (!register) return undefined;
    const byId = id !== undefined ? register.byId.get(normaliseSupplierId(id)) : undefined;
    return byId ?? register.byName.get(name) ?? undefined;
  }

  #supplier(key: string, name: string, matched: boolean, supplierId: string | undefined): SupplierAgg {
    let agg = this.#suppliers.get(key);
    if (!agg) {
      agg = { key, name, matched, amount: ZERO, count: 0, pence: 0 };
      if (supplierId !== undefined) agg.supplierId = supplierId;
      this.#suppliers.set(key, agg);
    } else if (!matched && cmp(name, agg.name) < 0) {
      // Unmatched suppliers show the smallest spelling seen, so merge order cannot change it.
      agg.name = name;
    }
    return agg;
  }

  merge(other: SpendAccumulator): SpendAccumulator {
    if (!(other instanceof Accumulator))
      throw new CommonwealError(
        'merge_mismatch',
        'can only merge accumulators made by createSpendAccumulator',
      );
    if (other === this)
      throw new CommonwealError('merge_mismatch', 'cannot merge an accumulator into itself');
    if (other.#signature !== this.#signature)
      throw new CommonwealError(
        'merge_mismatch',
        'cannot merge spend accumulators created with different options',
      );
    this.#settleAll();
    other.#settleAll();
    this.#read += other.#read;
    this.#rejected += other.#rejected;
    fold(this.#gross, other.#gross);
    fold(this.#excludedTotal, other.#excludedTotal);
    for (const [rule, b] of other.#byRule) {
      const mine = this.#byRule.get(rule) ?? bucket();
      fold(mine, b);
      this.#byRule.set(rule, mine);
    }
    foldSlices(this.#all, other.#all);
    for (const [g, map] of other.#periods) {
      const mine = this.#periods.get(g)!;
      for (const [label, s] of map) {
        const m = mine.get(label);
        if (m) foldSlices(m, s);
        else mine.set(label, copySlices(s));
      }
    }
    for (const [key, s] of other.#suppliers) {
      const m = this.#suppliers.get(key);
      if (!m) {
        this.#suppliers.set(key, { ...s });
        continue;
      }
      fold(m, s);
      if (!m.matched && cmp(s.name, m.name) < 0) m.name = s.name;
      if (m.supplierId === undefined && s.supplierId !== undefined) m.supplierId = s.supplierId;
    }
    for (const [b, n] of other.#bases) this.#bases.set(b, (this.#bases.get(b) ?? 0) + n);
    this.#rounded += other.#rounded;
    for (const i of other.#issues) this.#report(i);
    for (const [code, n] of other.#suppressed)
      this.#suppressed.set(code, (this.#suppressed.get(code) ?? 0) + n);
    return this;
  }

  stateSize() {
    let periods = 0;
    for (const m of this.#periods.values()) periods += m.size;
    return { suppliers: this.#suppliers.size, periods, issues: this.#issues.length };
  }

  result(): SpendAnalysis {
    this.#settleAll();
    const total = this.#all.total.amount;
    const share = (b: Bucket, of: Decimal = total): SpendShare => ({
      amount: b.amount,
      share: of.isZero() ? ZERO : b.amount.dividedBy(of),
      count: b.count,
    });
    const issues: Issue[] = [...this.#configIssues, ...this.#issues];
    if (this.#suppressed.size) {
      const n = [...this.#suppressed.values()].reduce((a, b) => a + b, 0);
      const codes = [...this.#suppressed]
        .sort(([a], [b]) => cmp(a, b))
        .map(([c, k]) => `${c}: ${k}`)
        .join(', ');
      issues.push(
        issue(
          'issues_truncated',
          `${n} more issues were not listed (${codes}): fix the ones above and run again, or raise maxIssues`,
          {
            severity: 'warning',
          },
        ),
      );
    }
    if (this.#rounded) {
      issues.push(
        issue(
          'amount_rounded',
          `${this.#rounded} amounts had more than 2 decimal places (spreadsheet float artefacts such as 73423.70999999999) and were rounded to pence with ${MONEY_ROUNDING.name}`,
          { field: 'amount', severity: 'warning' },
        ),
      );
    }
    const verdict = vatBasisVerdict(this.#bases, this.#gross.count);
    const vatBasis = verdict.vatBasis;
    for (const i of verdict.issues) issues.push(i);
    for (const i of inScopeIssues(this.#gross.count, total)) issues.push(i);

    const sorted = rankSuppliers(this.#suppliers.values());
    const negative = negativeSupplierIssues(sorted);
    for (const i of negative) issues.push(i);
    const topSuppliers: SpendSupplier[] = sorted.slice(0, this.#options.top).map((s, i) => {
      const out: SpendSupplier = { rank: i + 1, key: s.key, name: s.name, matched: s.matched, ...share(s) };
      if (s.supplierId !== undefined) out.supplierId = s.supplierId;
      if (s.local !== undefined) out.local = s.local;
      if (s.sme !== undefined) out.sme = s.sme;
      if (s.vcse !== undefined) out.vcse = s.vcse;
      if (s.cooperative !== undefined) out.cooperative = s.cooperative;
      return out;
    });

    const byPeriod: Partial<Record<PeriodGranularity, SpendPeriod[]>> = {};
    for (const g of PERIOD_GRANULARITIES) {
      const map = this.#periods.get(g);
      if (!map) continue;
      byPeriod[g] = [...map]
        .sort(([a], [b]) => cmp(a, b))
        .map(([period, s]) => {
          const p = { period, total: share(s.total, s.total.amount) } as SpendPeriod;
          for (const k of SPEND_SLICES) p[k] = share(s[k], s.total.amount);
          return p;
        });
    }

    const ex = this.#options.exclude;
    const exclusions = declaredExclusions(ex);

    const byRule: Record<string, { amount: Decimal; count: number }> = {};
    for (const [rule, b] of [...this.#byRule].sort(([a], [b]) => cmp(a, b))) byRule[rule] = plainBucket(b);

    const trace = (slice: SpendSlice, label: string): Trace =>
      explain(
        share(this.#all[slice]).share,
        SHARE_FORMULA,
        {
          [label]: this.#all[slice].amount.toFixed(2),
          'in-scope spend': total.toFixed(2),
        },
        [
          `boundary: ${this.#local.entries.join(', ') || '(none)'}`,
          `exclusions: ${exclusions.join('; ') || 'none'}`,
        ],
      ).trace;

    const result = {
      rows: { read: this.#read, accepted: this.#read - this.#rejected, rejected: this.#rejected },
      gross: plainBucket(this.#gross),
      excluded: { ...plainBucket(this.#excludedTotal), byRule },
      total: share(this.#all.total),
      byPeriod,
      topSuppliers,
      suppliers: {
        count: this.#suppliers.size,
        matched: sorted.filter((s) => s.matched).length,
        unmatched: sorted.filter((s) => !s.matched).length,
        negative: negative.length,
      },
      definition: {
        local: [...this.#local.entries],
        vatBasis,
        redacted: ex.redacted ? 'excluded' : 'in-scope',
        exclusions,
        share: 'amount ÷ in-scope spend (accepted rows less declared exclusions)',
        amountsRoundedToPence: this.#rounded,
        top: this.#options.top,
      },
      traces: {
        local: trace('local', 'spend with local suppliers'),
        leakage: trace('leakage', 'spend with suppliers outside the boundary'),
        sme: trace('sme', 'spend with SMEs'),
        vcse: trace('vcse', 'spend with VCSEs'),
        cooperative: trace('cooperative', 'spend with co-operatives and mutuals'),
      },
      issues,
    } as SpendAnalysis;
    for (const k of SPEND_SLICES) result[k] = share(this.#all[k]);
    return result;
  }
}

/**
 * Creates a streaming, mergeable spend accumulator (see {@link SpendAccumulator}). Invalid
 * option types throw `CommonwealError` (a programmer error); invalid local-area entries are
 * reported in the result's issues. Memory: per-supplier and per-period maps are bounded by the
 * number of distinct suppliers and periods; issues are capped at `maxIssues` (the rest are
 * counted by code).
 *
 * @example
 * ```ts
 * const acc = createSpendAccumulator({ local: ['EX1', 'EX2'], suppliers: register, vatBasis: 'exclusive' });
 * for await (const row of rows) acc.add(row);
 * const analysis = acc.result();
 * ```
 */
export function createSpendAccumulator(
  options: SpendOptionsInput = {},
  context: SpendAccumulatorContext = {},
): SpendAccumulator {
  return new Accumulator(options, context);
}

/**
 * Where an accumulator's rows come from. It is not part of the options: accumulators of
 * different files merge, and each row issue keeps the file it was found in.
 *
 * @example
 * ```ts
 * const april = createSpendAccumulator({ local: ['EX1'] }, { file: 'spend-2024-04.csv' });
 * ```
 */
export interface SpendAccumulatorContext {
  /** File name put on the issues of the rows added (unless an issue names one already). */
  file?: string;
}

/**
 * Analyses spend rows in one pass (see {@link createSpendAccumulator}).
 *
 * @example
 * ```ts
 * const a = analyseSpend([{ date: '2024-04-02', supplierName: 'Exe Bakers', amount: '100' }], { local: ['EX'] });
 * a.rows; // { read: 1, accepted: 1, rejected: 0 }
 * ```
 */
export function analyseSpend(rows: Iterable<SpendRowInput>, options: SpendOptionsInput = {}): SpendAnalysis {
  const acc = createSpendAccumulator(options);
  for (const row of rows) acc.add(row);
  return acc.result();
}

/**
 * Analyses a stream of spend rows (e.g. a CSV reader's async iterable) with flat memory.
 *
 * @example
 * ```ts
 * const analysis = await analyseSpendAsync(readSpendCsv(stream), { local: ['EX'], suppliers: register });
 * ```
 */
export async function analyseSpendAsync(
  rows: AsyncIterable<SpendRowInput> | Iterable<SpendRowInput>,
  options: SpendOptionsInput = {},
): Promise<SpendAnalysis> {
  const acc = createSpendAccumulator(options);
  for await (const row of rows) acc.add(row);
  return acc.result();
}
