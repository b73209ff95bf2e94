import { z } from 'zod';
import type { Issue } from '../issues/issues';
import { DecimalStringSchema } from '../money/schema';
import { PERIOD_GRANULARITIES } from './period';
import { SPEND_SLICES, type SpendAnalysis, type SpendShare } from './spend';

const Money = z.string().regex(/^-?\d+\.\d{2}$/, 'an amount in pounds and pence, e.g. "1234.50"');
const Fraction = DecimalStringSchema;
const ShareJson = z.object({ amount: Money, share: Fraction, count: z.number().int().min(0) });
const BucketJson = z.object({ amount: Money, count: z.number().int().min(0) });
const IssueJson = z.object({
  code: z.string(),
  message: z.string(),
  path: z.array(z.union([z.string(), z.number()])).optional(),
  line: z.number().int().optional(),
  column: z.number().int().optional(),
  field: z.string().optional(),
  file: z.string().optional(),
  severity: z.enum(['error', 'warning']).optional(),
});
const SlicesJson = {
  local: ShareJson,
  leakage: ShareJson,
  locationUnknown: ShareJson,
  sme: ShareJson,
  vcse: ShareJson,
  cooperative: ShareJson,
  redacted: ShareJson,
  unclassified: ShareJson,
};
const PeriodJson = z.object({ period: z.string(), total: ShareJson, ...SlicesJson });
type PeriodJson = z.infer<typeof PeriodJson>;

/**
 * The JSON form of a spend analysis (the CLI contract): amounts as strings in pounds and pence,
 * shares as decimal strings (full precision, `amount ÷ in-scope total`), counts as integers,
 * `null` where a value is not known, and no `undefined`.
 *
 * @example
 * ```ts
 * SpendJsonSchema.parse(toSpendJson(analysis)); // validates the CLI output
 * ```
 */
export const SpendJsonSchema = z.object({
  rows: z.object({ read: z.number().int(), accepted: z.number().int(), rejected: z.number().int() }),
  total: ShareJson,
  ...SlicesJson,
  gross: BucketJson,
  excluded: BucketJson.extend({ byRule: z.record(z.string(), BucketJson) }),
  byPeriod: z.object({
    month: z.array(PeriodJson).optional(),
    quarter: z.array(PeriodJson).optional(),
    financialYear: z.array(PeriodJson).optional(),
    financialQuarter: z.array(PeriodJson).optional(),
  }),
  topSuppliers: z.array(
    ShareJson.extend({
      rank: z.number().int().min(1),
      name: z.string(),
      supplierId: z.string().nullable(),
      matched: z.boolean(),
      local: z.boolean().nullable(),
      sme: z.boolean().nullable(),
      vcse: z.boolean().nullable(),
      cooperative: z.boolean().nullable(),
    }),
  ),
  suppliers: z.object({
    count: z.number().int(),
    matched: z.number().int(),
    unmatched: z.number().int(),
    negative: z.number().int(),
  }),
  definition: z.object({
    local: z.array(z.string()),
    vatBasis: z.enum(['inclusive', 'exclusive', 'mixed', 'unknown']),
    redacted: z.enum(['in-scope', 'excluded']),
    exclusions: z.array(z.string()),
    share: z.string(),
    amountsRoundedToPence: z.number().int(),
    top: z.number().int(),
  }),
  issues: z.array(IssueJson),
});

/**
 * The JSON form of a spend analysis (see {@link SpendJsonSchema}).
 *
 * @example
 * ```ts
 * const json: SpendJson = toSpendJson(analysis);
 * json.local.share; // e.g. '0.46'
 * ```
 */
export type SpendJson = z.infer<typeof SpendJsonSchema>;

const shareJson = (s: SpendShare) => ({
  amount: s.amount.toFixed(2),
  share: s.share.toString(),
  count: s.count,
});

function issueJson(i: Issue): Issue {
  const out: Issue = { code: i.code, message: i.message };
  if (i.path !== undefined) out.path = [...i.path];
  if (i.line !== undefined) out.line = i.line;
  if (i.column !== undefined) out.column = i.column;
  if (i.field !== undefined) out.field = i.field;
  if (i.file !== undefined) out.file = i.file;
  if (i.severity !== undefined) out.severity = i.severity;
  return out;
}

/**
 * Turns a spend analysis into its JSON form (see {@link SpendJsonSchema}): `{ rows, total,
 * local, leakage, locationUnknown, sme, vcse, cooperative, redacted, unclassified, gross,
 * excluded, byPeriod, topSuppliers, suppliers, definition, issues }`. Amounts are exact pounds
 * and pence (rows are rounded to pence on input), so no presentation rounding happens here.
 *
 * @example
 * ```ts
 * const json = toSpendJson(analyseSpend(rows, { local: ['EX'], suppliers: register }));
 * json.local; // { amount: '400.00', share: '0.4', count: 3 }
 * ```
 */
export function toSpendJson(analysis: SpendAnalysis): SpendJson {
  const byPeriod: SpendJson['byPeriod'] = {};
  for (const g of PERIOD_GRANULARITIES) {
    const list = analysis.byPeriod[g];
    if (!list) continue;
    byPeriod[g] = list.map((p) => {
      const out = { period: p.period, total: shareJson(p.total) } as PeriodJson;
      for (const k of SPEND_SLICES) out[k] = shareJson(p[k]);
      return out;
    });
  }
  const byRule: Record<string, { amount: string; count: number }> = {};
  for (const [rule, b] of Object.entries(analysis.excluded.byRule))
    byRule[rule] = { amount: b.amount.toFixed(2), count: b.count };
  const json = {
    rows: { ...analysis.rows },
    total: shareJson(analysis.total),
    local: shareJson(analysis.local),
    leakage: shareJson(analysis.leakage),
    locationUnknown: shareJson(analysis.locationUnknown),
    sme: shareJson(analysis.sme),
    vcse: shareJson(analysis.vcse),
    cooperative: shareJson(analysis.cooperative),
    redacted: shareJson(analysis.redacted),
    unclassified: shareJson(analysis.unclassified),
    gross: { amount: analysis.gross.amount.toFixed(2), count: analysis.gross.count },
    excluded: { amount: analysis.excluded.amount.toFixed(2), count: analysis.excluded.count, byRule },
    byPeriod,
    topSuppliers: analysis.topSuppliers.map((s) => ({
      rank: s.rank,
      name: s.name,
      supplierId: s.supplierId ?? null,
      matched: s.matched,
      ...shareJson(s),
      local: s.local ?? null,
      sme: s.sme ?? null,
      vcse: s.vcse ?? null,
      cooperative: s.cooperative ?? null,
    })),
    suppliers: { ...analysis.suppliers },
    definition: {
      ...analysis.definition,
      local: [...analysis.definition.local],
      exclusions: [...analysis.definition.exclusions],
    },
    issues: analysis.issues.map(issueJson),
  };
  return json;
}
