import { CommonwealError, fail, issue, ok, type Result } from '@commonweal/core/issues';
import { type DecimalLike, dec, formatPercent, parseDecimal } from '@commonweal/core/money';
import type { Provenance } from '@commonweal/core/trace';
import {
  type DiscountSchedule,
  type DiscountScheduleInput,
  DiscountScheduleSchema,
} from '@commonweal/core/valuation';

const GREEN_BOOK_URL =
  'https://www.gov.uk/government/publications/the-green-book-appraisal-and-evaluation-in-central-government';

const CROSS_CHECK =
  'Rates cross-checked against the stpr_schedule table of the MIT-licensed greenbook R package ' +
  '(github.com/charlescoverdale/greenbook), which cites Green Book Annex A6.';

const COMPOUNDING =
  'Real rates by years from the base year (year 0, undiscounted), compounded year by year: ' +
  'DF(t) = DF(t−1) ÷ (1 + r_t), not 1 ÷ (1 + r_t)^t.';

/** First year of each Green Book band: years 1–30, 31–75, 76–125, 126–200, 201–300, 301+. */
const GREEN_BOOK_FROM_YEARS = [1, 31, 76, 126, 201, 301] as const;

function greenBookProvenance(notes: string): Provenance {
  return {
    title: 'The Green Book: Central Government Guidance on Appraisal and Evaluation',
    publisher: 'HM Treasury',
    edition: '2022, Annex A6 (Discounting)',
    url: GREEN_BOOK_URL,
    licence: 'OGL-UK-3.0',
    notes: `${notes} ${COMPOUNDING} ${CROSS_CHECK}`,
  };
}

// Parsed at module load so that a typo in a rate fails fast, then frozen: discountFactor caches
// factors per schedule object, so a shared schedule must never change.
function freezeSchedule(input: DiscountScheduleInput): DiscountSchedule {
  const schedule = DiscountScheduleSchema.parse(input);
  for (const band of schedule.bands) Object.freeze(band);
  Object.freeze(schedule.bands);
  if (schedule.source) Object.freeze(schedule.source);
  return Object.freeze(schedule);
}

function greenBookSchedule(
  id: string,
  name: string,
  rates: readonly string[],
  notes: string,
): DiscountSchedule {
  if (rates.length !== GREEN_BOOK_FROM_YEARS.length) {
    throw new CommonwealError('bad_schedule', `${name}: expected ${GREEN_BOOK_FROM_YEARS.length} rates`);
  }
  return freezeSchedule({
    id,
    name,
    bands: rates.map((rate, i) => ({ fromYear: GREEN_BOOK_FROM_YEARS[i] as number, rate })),
    source: greenBookProvenance(notes),
  });
}

/**
 * The Green Book standard social time preference rate (STPR): 3.5% in years 1–30, 3.0% in
 * 31–75, 2.5% in 76–125, 2.0% in 126–200, 1.5% in 201–300 and 1.0% after (HM Treasury, The
 * Green Book 2022, Annex A6; OGL v3.0).
 *
 * @example
 * ```ts
 * import { discountFactor } from '@commonweal/core/valuation';
 * discountFactor(greenBookStandard, 10).toFixed(6); // '0.708919'
 * discountFactor(greenBookStandard, 31).toFixed(6); // '0.345901' (3.0% from year 31)
 * ```
 */
export const greenBookStandard: DiscountSchedule = greenBookSchedule(
  'green-book',
  'Green Book standard discount rate (STPR)',
  ['0.035', '0.03', '0.025', '0.02', '0.015', '0.01'],
  'Standard schedule: 3.5% (years 1–30), 3.0% (31–75), 2.5% (76–125), 2.0% (126–200), 1.5% (201–300), 1.0% (301+).',
);

/**
 * The Green Book health discount schedule: 1.5%, 1.29%, 1.07%, 0.86%, 0.64% and 0.43% over the
 * same bands as the standard rate (HM Treasury, The Green Book 2022, Annex A6; OGL v3.0).
 *
 * @example
 * ```ts
 * import { discountFactor } from '@commonweal/core/valuation';
 * discountFactor(greenBookHealth, 10).toFixed(6); // '0.861667'
 * ```
 */
export const greenBookHealth: DiscountSchedule = greenBookSchedule(
  'green-book-health',
  'Green Book health discount rate',
  ['0.015', '0.0129', '0.0107', '0.0086', '0.0064', '0.0043'],
  'Health schedule: 1.5% (years 1–30), 1.29% (31–75), 1.07% (76–125), 0.86% (126–200), 0.64% (201–300), 0.43% (301+).',
);

/**
 * The Green Book schedule without the catastrophic-risk element of pure time preference
 * (0.5 percentage points at the start): 3.0%, 2.57%, 2.14%, 1.71%, 1.29% and 0.86%, for
 * appraisals that model catastrophic risk explicitly (HM Treasury, The Green Book 2022,
 * Annex A6; OGL v3.0).
 *
 * @example
 * ```ts
 * import { rateInYear } from '@commonweal/core/valuation';
 * rateInYear(greenBookCatastrophicRiskRemoved, 1).toString(); // '0.03'
 * ```
 */
export const greenBookCatastrophicRiskRemoved: DiscountSchedule = greenBookSchedule(
  'green-book-catastrophic-risk-removed',
  'Green Book discount rate with catastrophic risk removed',
  ['0.03', '0.0257', '0.0214', '0.0171', '0.0129', '0.0086'],
  'Catastrophic risk removed: 3.0% (years 1–30), 2.57% (31–75), 2.14% (76–125), 1.71% (126–200), 1.29% (201–300), 0.86% (301+).',
);

/**
 * A schedule with one real rate for every year, e.g. a flat 3.5% as some SROI practitioners
 * use. The rate is a fraction (0.035 for 3.5%) and must be greater than −1.
 * Throws `CommonwealError` for a rate that is not a number or is −1 or less (programmer
 * error); use {@link discountingByName} for text typed by a user.
 *
 * @example
 * ```ts
 * import { discountFactor } from '@commonweal/core/valuation';
 * const flat = constantSchedule('0.035');
 * discountFactor(flat, 2).toFixed(6); // '0.933511'
 * ```
 */
export function constantSchedule(rate: DecimalLike): DiscountSchedule {
  const r = dec(rate);
  if (r.lte(-1))
    throw new CommonwealError('bad_rate', `a discount rate must be greater than −1, got ${r.toString()}`);
  return freezeSchedule({
    id: `constant:${r.toString()}`,
    name: `Constant ${formatPercent(r, 4).replace(/\.?0+%$/, '%')} discount rate`,
    bands: [{ fromYear: 1, rate: r.toString() }],
  });
}

/**
 * The discounting names {@link discountingByName} understands (`constant:<rate>` takes any
 * rate, e.g. `constant:0.035` or `constant:3.5%`).
 *
 * @example
 * ```ts
 * discountingNames.join(', ');
 * // 'green-book, green-book-health, green-book-catastrophic-risk-removed, constant:<rate>, none'
 * ```
 */
export const discountingNames: readonly string[] = Object.freeze([
  'green-book',
  'green-book-health',
  'green-book-catastrophic-risk-removed',
  'constant:<rate>',
  'none',
]);

const NAMED: Readonly<Record<string, DiscountSchedule | null>> = {
  'green-book': greenBookStandard,
  'green-book-health': greenBookHealth,
  'green-book-catastrophic-risk-removed': greenBookCatastrophicRiskRemoved,
  none: null,
};

const HELP =
  'use green-book, green-book-health, green-book-catastrophic-risk-removed, constant:<rate> (e.g. constant:0.035 or constant:3.5%) or none';

/**
 * Finds a discount schedule by the name a user typed (the CLI's `--discounting`):
 * `green-book`, `green-book-health`, `green-book-catastrophic-risk-removed`,
 * `constant:<rate>` (a fraction such as `0.035`, or a percentage such as `3.5%`) or `none`
 * (no discounting: the value is `null`, which `discountFactor` treats as 1 in every year).
 * Names are case-insensitive. An unknown name or a bad rate is answered with an issue on
 * the field `discounting`.
 *
 * @example
 * ```ts
 * const r = discountingByName('green-book-health');
 * if (r.ok) r.value?.id; // 'green-book-health'
 * discountingByName('none');        // { ok: true, value: null, issues: [] }
 * discountingByName('constant:0.035'); // a flat 3.5% schedule
 * discountingByName('treasury').ok; // false (issue code 'unknown_discounting')
 * ```
 */
export function discountingByName(name: string): Result<DiscountSchedule | null> {
  const key = name.trim().toLowerCase();
  const where = { field: 'discounting' } as const;
  if (Object.hasOwn(NAMED, key)) return ok(NAMED[key] ?? null);
  if (key.startsWith('constant:')) {
    const text = key.slice('constant:'.length).trim();
    const parsed = parseDecimal(text, { currency: false, brackets: false });
    if (!parsed.ok) {
      return fail([
        issue(
          'invalid_discount_rate',
          `discounting "${name}": ${parsed.reason}; write the rate as constant:0.035 or constant:3.5%`,
          where,
        ),
      ]);
    }
    const rate = parsed.value;
    if (!parsed.percent && rate.gte(1)) {
      return fail([
        issue(
          'invalid_discount_rate',
          `discounting "${name}": a rate of ${text} would be ${rate.times(100).toString()}%; write a fraction (constant:${rate.dividedBy(100).toString()}) or a percentage (constant:${text}%)`,
          where,
        ),
      ]);
    }
    if (rate.isNegative()) {
      return fail([
        issue(
          'invalid_discount_rate',
          `discounting "${name}": the rate must not be negative; write e.g. constant:0.035`,
          where,
        ),
      ]);
    }
    return ok(constantSchedule(rate));
  }
  return fail([issue('unknown_discounting', `unknown discounting "${name}": ${HELP}`, where)]);
}
