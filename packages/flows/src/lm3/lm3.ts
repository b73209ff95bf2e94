import {
  type Lm3Json,
  type Lm3Result,
  type Lm3RoundsInput,
  lm3,
  lm3FromSpend,
  type SpendShare,
  toLm3Json,
} from '@commonweal/core/economy';
import { type Issue, issueJson } from '@commonweal/core/issues';
import { type Decimal, type DecimalLike, dec } from '@commonweal/core/money';
import { hashInputs } from '@commonweal/json';
import { type FlowCounts, type FlowFailure, FlowFatal, runFlow } from '../inputs/inputs';
import { type SpendFlowInput, type SpendFlowResult, spendFlow } from '../spend/spend';
import { type SpendFileJson, spendFileJson } from '../spend/stages';

/**
 * The inputs of {@link lm3Flow}: round 1 and either the rounds given directly (`round2`, or
 * `round2Suppliers`/`round2Staff`, and `round3` when surveyed), or spend files (round 2
 * suppliers = spend with local suppliers, one file or several) with the survey's re-spend
 * shares and local staff pay (`round2Staff`).
 *
 * @example
 * ```ts
 * const direct: Lm3FlowInput = { round1: '100', round2: '40', round3: '20' };
 * const fromSpend: Lm3FlowInput = { round1: '500000', spend: spendInput, supplierRespend: '0.4' };
 * ```
 */
export interface Lm3FlowInput {
  round1: DecimalLike;
  round2?: DecimalLike | undefined;
  round2Suppliers?: DecimalLike | undefined;
  round2Staff?: DecimalLike | undefined;
  round3?: DecimalLike | undefined;
  spend?: SpendFlowInput | undefined;
  /** With `spend`: share of their income local suppliers re-spend locally (0–1). */
  supplierRespend?: DecimalLike | undefined;
  /** With `spend`: share of their pay local staff re-spend locally (0–1). */
  staffRespend?: DecimalLike | undefined;
}

/**
 * The `--format json` document of `commonweal lm3`: core `toLm3Json`, the issues, the inputs
 * hash and, with spend files, their local and total spend, the re-spend shares and (several
 * files) each file's figures.
 *
 * @example
 * ```ts
 * const d: Lm3Document = r.document;
 * d.lm3Rounded; // '1.60'
 * ```
 */
export type Lm3Document = Lm3Json & {
  issues: Issue[];
  inputs: { sha256: string };
  spend?: {
    rows: { read: number; accepted: number; rejected: number };
    total: { amount: string; share: string; count: number };
    local: { amount: string; share: string; count: number };
    reSpendShares: { suppliers: string | null; staff: string | null };
    files?: SpendFileJson[];
  };
};

/**
 * An LM3 made by {@link lm3Flow}: the result, every issue, the inputs sha256, the JSON document
 * (built on first use) and, from spend files, the spend analysis and the re-spend shares.
 *
 * @example
 * ```ts
 * const r = await lm3Flow({ round1: '100', round2: '40', round3: '20' });
 * if (r.ok) r.result.lm3.toString(); // '1.6'
 * ```
 */
export interface Lm3FlowResult {
  ok: true;
  result: Lm3Result;
  issues: Issue[];
  sha256: string;
  readonly document: Lm3Document;
  counts: Record<string, FlowCounts>;
  spend?: SpendFlowResult;
  reSpendShares?: { suppliers: Decimal | null; staff: Decimal | null };
}

const share = (s: SpendShare) => ({ amount: s.amount.toFixed(2), share: s.share.toString(), count: s.count });

/**
 * The JSON document of an LM3 result (see {@link Lm3Document}).
 *
 * @example
 * ```ts
 * documentText(lm3Document(result, issues, sha256));
 * ```
 */
export function lm3Document(
  result: Lm3Result,
  issues: readonly Issue[],
  sha256: string,
  spend?: SpendFlowResult,
  reSpendShares?: { suppliers: Decimal | null; staff: Decimal | null },
): Lm3Document {
  const out: Lm3Document = { ...toLm3Json(result), issues: issues.map(issueJson), inputs: { sha256 } };
  if (spend) {
    const a = spend.analysis;
    out.spend = {
      rows: { ...a.rows },
      total: share(a.total),
      local: share(a.local),
      reSpendShares: {
        suppliers: reSpendShares?.suppliers?.toString() ?? null,
        staff: reSpendShares?.staff?.toString() ?? null,
      },
    };
    if (spend.files.length > 1) out.spend.files = spend.files.map(spendFileJson);
  }
  return out;
}

const fatal = (message: string, field: string): never => {
  throw new FlowFatal('LM3 cannot be computed from these inputs', [{ code: 'lm3_inputs', message, field }]);
};

const decimal = (v: DecimalLike | undefined, field: string): Decimal | undefined => {
  if (v === undefined) return undefined;
  try {
    return dec(v);
  } catch {
    return fatal(`${field} is not a number: ${String(v)}`, field);
  }
};

function withDocument(r: Omit<Lm3FlowResult, 'document' | 'ok'>): Lm3FlowResult {
  let document: Lm3Document | undefined;
  return {
    ok: true,
    ...r,
    get document() {
      document ??= lm3Document(r.result, r.issues, r.sha256, r.spend, r.reSpendShares);
      return document;
    },
  };
}

/**
 * NEF's Local Multiplier 3, `(R1 + R2 + R3) ÷ R1` (economy.md §1), from rounds given directly or
 * from spend files (see {@link spendFlow}: several files are merged into one round 2) with
 * survey re-spend shares. Fails (`ok: false`) when LM3 cannot be computed (round 1 zero, round 2
 * above round 1, a spend file that cannot be read, inputs that do not go together).
 *
 * @example
 * ```ts
 * const r = await lm3Flow({ round1: '100', round2: '40', round3: '20' });
 * if (r.ok) r.document.lm3Rounded; // '1.60'
 * ```
 */
export async function lm3Flow(input: Lm3FlowInput): Promise<Lm3FlowResult | FlowFailure> {
  return runFlow(async () => {
    const round1 = decimal(input.round1, 'round1') as Decimal;
    const round2 = decimal(input.round2, 'round2');
    const suppliers2 = decimal(input.round2Suppliers, 'round2Suppliers');
    const staff2 = decimal(input.round2Staff, 'round2Staff');
    const round3 = decimal(input.round3, 'round3');
    const supplierShare = decimal(input.supplierRespend, 'supplierRespend');
    const staffShare = decimal(input.staffRespend, 'staffRespend');

    if (input.spend) {
      if (round2 !== undefined || suppliers2 !== undefined || round3 !== undefined)
        fatal(
          'with spend files, round 2 suppliers come from the files and round 3 from the re-spend shares: leave out round2, round2Suppliers and round3',
          'spend',
        );
      const spend = await spendFlow(input.spend);
      if (!spend.ok) throw new FlowFatal(spend.headline, spend.issues);
      // Given as strings: core's share schema reads decimal strings, not Decimal objects.
      const shares: { suppliers?: string; staff?: string } = {};
      if (supplierShare !== undefined) shares.suppliers = supplierShare.toString();
      if (staffShare !== undefined) shares.staff = staffShare.toString();
      const r = lm3FromSpend(spend.analysis, {
        round1,
        reSpendShares: shares,
        ...(staff2 !== undefined ? { staffLocalSpend: staff2 } : {}),
      });
      if (!r.ok)
        throw new FlowFatal('LM3 cannot be computed from these inputs', [...spend.issues, ...r.issues]);
      return withDocument({
        result: r.value,
        issues: [...spend.issues, ...r.issues],
        sha256: hashInputs({
          spend: spend.sha256,
          round1: round1.toString(),
          round2Staff: staff2?.toString() ?? null,
          supplierRespend: supplierShare?.toString() ?? null,
          staffRespend: staffShare?.toString() ?? null,
        }),
        counts: spend.counts,
        spend,
        reSpendShares: { suppliers: supplierShare ?? null, staff: staffShare ?? null },
      });
    }

    if (supplierShare !== undefined || staffShare !== undefined)
      fatal('re-spend shares go with spend files; with rounds given directly, give round3', 'round3');
    if (round2 !== undefined && (suppliers2 !== undefined || staff2 !== undefined))
      fatal('give either round2 or round2Suppliers/round2Staff, not both', 'round2');
    let r2: Lm3RoundsInput['round2'];
    if (round2 !== undefined) r2 = round2;
    else if (suppliers2 !== undefined || staff2 !== undefined) {
      r2 = {};
      if (suppliers2 !== undefined) r2.suppliers = suppliers2;
      if (staff2 !== undefined) r2.staff = staff2;
    } else return fatal('round 2 is needed: the part of round 1 spent locally', 'round2');
    const rounds: Lm3RoundsInput = { round1, round2: r2 };
    if (round3 !== undefined) rounds.round3 = round3;
    const r = lm3(rounds);
    if (!r.ok) throw new FlowFatal('LM3 cannot be computed from these rounds', r.issues);
    return withDocument({
      result: r.value,
      issues: r.issues,
      sha256: hashInputs({
        round1: round1.toString(),
        round2: round2?.toString() ?? null,
        round2Suppliers: suppliers2?.toString() ?? null,
        round2Staff: staff2?.toString() ?? null,
        round3: round3?.toString() ?? null,
      }),
      counts: {},
    });
  });
}
