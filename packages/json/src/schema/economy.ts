import {
  Lm3JsonSchema,
  Lm3RoundsSchema,
  PriorityRowSchema,
  SpendJsonSchema,
  SpendOptionsSchema,
  SupplierRecordSchema,
} from '@commonweal/core/economy';
import { DecimalStringSchema } from '@commonweal/core/money';
import { z } from 'zod';
import type { SchemaInfo } from './registry';

const DECIMAL_STRING = DecimalStringSchema;
const SHA256 = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 hex digest');
const Count = z.number().int().min(0);
const RowsJson = z.object({ read: Count, accepted: Count, rejected: Count });
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

const SpendFileJson = z.object({
  file: z.string(),
  sha256: SHA256,
  rows: RowsJson,
  total: z.object({ amount: z.string(), count: Count }),
  local: z.object({ amount: z.string(), share: DECIMAL_STRING, count: Count }),
  columns: z.record(z.string(), z.string()),
  dates: z.enum(['auto', 'dmy', 'mdy', 'iso', 'excel']),
  cardTransactions: Count,
});

/**
 * The JSON `commonweal spend` writes: core's `SpendJsonSchema` (rows, total, every slice's
 * `{ amount, share, count }`, by period, top suppliers, definition, issues) with the inputs:
 * the SHA-256 of the canonical inputs (spend file bytes, register, options), the spend file's
 * columns as published (field → header) and the count of procurement card rows.
 *
 * @example
 * ```ts
 * SpendOutputSchema.parse(JSON.parse(cliOutput)).local.share; // e.g. '0.46'
 * ```
 */
export const SpendOutputSchema = SpendJsonSchema.extend({
  /** With more than one spend file: each file's figures, in the order read. */
  files: z.array(SpendFileJson).optional(),
  inputs: z
    .object({
      sha256: SHA256,
      columns: z.record(z.string(), z.string()).optional(),
      cardTransactions: Count.optional(),
    })
    .optional(),
});

const ShareJson = z.object({ amount: z.string(), share: DECIMAL_STRING, count: Count });

/**
 * The JSON `commonweal lm3` writes: core's `Lm3JsonSchema` (`lm3`, `lm3Rounded`, `status`,
 * `label`, `rounds`) with the issues (a partial round 3 is a warning, never a silent zero), the
 * inputs hash and, when round 2 came from a spend file, that file's local and total spend.
 *
 * @example
 * ```ts
 * Lm3OutputSchema.parse(JSON.parse(cliOutput)).lm3Rounded; // '1.60'
 * ```
 */
export const Lm3OutputSchema = Lm3JsonSchema.extend({
  issues: z.array(IssueJson),
  inputs: z.object({ sha256: SHA256 }).optional(),
  spend: z
    .object({
      rows: RowsJson,
      total: ShareJson,
      local: ShareJson,
      reSpendShares: z.object({ suppliers: DECIMAL_STRING.nullable(), staff: DECIMAL_STRING.nullable() }),
      files: z.array(SpendFileJson).optional(),
    })
    .optional(),
});

const WeightsJson = z.object({
  respondents: Count,
  weights: z.record(z.string(), DECIMAL_STRING),
  exact: z.record(z.string(), DECIMAL_STRING),
  ranking: z.array(z.object({ rank: z.number().int().min(1), item: z.string(), weight: DECIMAL_STRING })),
  agreement: z.object({
    method: z.literal('kendall-w'),
    w: DECIMAL_STRING.nullable(),
    raters: Count,
    items: Count,
    note: z.string().optional(),
  }),
});

/**
 * The JSON `commonweal priorities` writes: weights per stakeholder group and overall (rounded
 * to sum to exactly 100, plus the exact values), rankings, agreement (Kendall's W, `null` when
 * undefined), how groups were weighted, the survey's SHA-256, row counts, issues and — with
 * `--apply-to` — the provenance of the weights written into the evaluation model.
 *
 * @example
 * ```ts
 * PrioritiesOutputSchema.parse(JSON.parse(cliOutput)).overall.weights;
 * ```
 */
export const PrioritiesOutputSchema = z.object({
  method: z.enum(['points', 'ranks']),
  scoring: z.string(),
  groupWeighting: z.enum(['equal', 'proportional']),
  precision: Count,
  items: z.array(z.string()),
  overall: WeightsJson,
  groups: z.record(z.string(), WeightsJson),
  groupShares: z.record(z.string(), DECIMAL_STRING),
  rows: RowsJson,
  survey: z.object({ name: z.string().optional(), hash: SHA256 }),
  issues: z.array(IssueJson),
  inputs: z.object({ sha256: SHA256 }).optional(),
  applied: z
    .object({
      model: z.object({ id: z.string(), sha256: SHA256 }),
      criterion: z.string(),
      group: z.string().optional(),
      respondents: Count,
      renormalised: z.boolean(),
      weights: z.record(z.string(), DECIMAL_STRING),
      note: z.string(),
    })
    .optional(),
  valuation: z
    .object({
      file: z.string(),
      sha256: SHA256,
      inputs: z.object({ sha256: SHA256 }),
      basis: z.literal('presentValue'),
      currency: z.string(),
      note: z.string(),
      themes: z.array(
        z.object({
          theme: z.string(),
          value: DECIMAL_STRING,
          weight: DECIMAL_STRING,
          multiplier: DECIMAL_STRING,
          weighted: DECIMAL_STRING,
          share: DECIMAL_STRING,
        }),
      ),
      total: DECIMAL_STRING,
      weightedTotal: DECIMAL_STRING,
      trace: z.object({
        formula: z.string(),
        inputs: z.record(z.string(), z.object({ value: z.string() })),
        result: z.string(),
        notes: z.array(z.string()).optional(),
      }),
    })
    .optional(),
});

/**
 * A supplier register as a JSON file holds it: core's `SupplierRecordSchema` items (flags as
 * booleans or yes/no text; a missing flag is "not known").
 *
 * @example
 * ```ts
 * SupplierRegisterJsonSchema.parse([{ supplierId: 'S1', supplierName: 'Exe Bakers Ltd', postcode: 'EX1 2AB', sme: true }]);
 * ```
 */
export const SupplierRegisterJsonSchema = z.array(SupplierRecordSchema);

/**
 * A priority survey as a JSON file holds it: core's `PriorityRowSchema` items (points or rank).
 *
 * @example
 * ```ts
 * PrioritySurveyJsonSchema.parse([{ respondent: 'R1', group: 'residents', item: 'jobs', points: 60 }]);
 * ```
 */
export const PrioritySurveyJsonSchema = z.array(PriorityRowSchema);

/**
 * The community economy schemas (spend analysis, LM3, priority surveys), registered with the
 * built-ins.
 *
 * @example
 * ```ts
 * ECONOMY_SCHEMAS.map((s) => s.name); // ['spend-options', 'spend-output', 'supplier-register', …]
 * ```
 */
export const ECONOMY_SCHEMAS: readonly SchemaInfo[] = [
  {
    name: 'spend-options',
    schema: SpendOptionsSchema,
    io: 'input',
    description: 'How to analyse spend: local area, VAT basis, declared exclusions, periods, top suppliers',
  },
  {
    name: 'spend-output',
    schema: SpendOutputSchema,
    io: 'output',
    description:
      'The JSON of a spend analysis: local, SME, VCSE, co-operative and redacted shares, periods, top suppliers',
  },
  {
    name: 'supplier-register',
    schema: SupplierRegisterJsonSchema,
    io: 'input',
    description: 'Suppliers with postcode and SME, VCSE and co-operative flags, to classify spend',
  },
  {
    name: 'lm3-rounds',
    schema: Lm3RoundsSchema,
    io: 'input',
    description: 'LM3 rounds: income (round 1), local spend (round 2), local re-spend (round 3)',
  },
  {
    name: 'lm3-output',
    schema: Lm3OutputSchema,
    io: 'output',
    description:
      'The JSON of an LM3 (Local Multiplier 3) result: the ratio and each round, partial when round 3 is missing',
  },
  {
    name: 'priority-survey',
    schema: PrioritySurveyJsonSchema,
    io: 'input',
    description: 'A community priority survey: respondent, stakeholder group, item, points or rank',
  },
  {
    name: 'priorities-output',
    schema: PrioritiesOutputSchema,
    io: 'output',
    description:
      'The JSON of community priority weights: per group and overall, agreement (Kendall W), provenance',
  },
];
