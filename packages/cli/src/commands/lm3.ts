import { LM3_SOURCE, type Lm3Result } from '@commonweal/core/economy';
import type { Issue } from '@commonweal/core/issues';
import { type Decimal, formatMoney, parseDecimal, RATIO_ROUNDING, round } from '@commonweal/core/money';
import { cite } from '@commonweal/core/trace';
import { documentText, type Lm3Document, type Lm3FlowInput, lm3Flow } from '@commonweal/flows';
import type { Command } from '../command';
import { INPUT_OPTIONS } from '../util/encoding';
import { finish } from '../util/finish';
import type { CliIO } from '../util/io';
import { UsageError } from '../util/io';
import { FatalIssues, moneyOption } from '../util/load';
import { chooseFormat, FORMAT_OPTION, OUT_OPTION } from '../util/output';
import { REPORT_OPTION, reportKind } from '../util/report';
import { documentReport, lm3Document } from '../util/reports';
import { markdownList, markdownTable, textTable } from '../util/table';
import {
  progressLine,
  SPEND_READ_OPTIONS,
  type SpendCliOptions,
  type SpendOutcome,
  spendFlowInput,
  spendOutcome,
} from './spend';

/** What `commonweal lm3` computed, ready for any output format. */
export interface Lm3Outcome {
  result: Lm3Result;
  issues: Issue[];
  sha256: string;
  /** The `--format json` document. */
  document: Lm3Document;
  /** Set when round 2 came from spend files. */
  spend?: SpendOutcome;
  reSpendShares?: { suppliers: Decimal | null; staff: Decimal | null };
}

/** Reads a share option (`0.4` or `40%`) that must be from 0 to 1. */
function fractionOption(value: unknown, name: string): Decimal | undefined {
  if (value === undefined) return undefined;
  const p = parseDecimal(String(value), { percent: true, currency: false });
  if (!p.ok) throw new UsageError(`--${name}: ${p.reason}`);
  if (p.value.lt(0) || p.value.gt(1)) {
    throw new UsageError(
      `--${name} is a share of income from 0 to 1 (e.g. 0.4 or 40%), got '${String(value)}'`,
    );
  }
  return p.value;
}

function required(value: Decimal | undefined, name: string, what: string): Decimal {
  if (value === undefined) throw new UsageError(`--${name} is required: ${what}`);
  return value;
}

/**
 * Computes LM3 as `commonweal lm3` does, from rounds given directly or from a spend file (round
 * 2 suppliers = spend with local suppliers) with survey re-spend shares. An LM3 that cannot be
 * computed (round 1 zero, round 2 above round 1) is a `FatalIssues` error (exit 2).
 *
 * @example
 * ```ts
 * const o = await computeLm3(io, { round1: '100', round2: '40', round3: '20' });
 * o.result.lm3.toString(); // '1.6'
 * ```
 */
export async function computeLm3(
  io: CliIO,
  values: Record<string, unknown>,
  onProgress?: (read: number) => void,
): Promise<Lm3Outcome> {
  const round1 = required(
    moneyOption(values.round1, 'round1'),
    'round1',
    'the income or contract value (round 1)',
  );
  const round2 = moneyOption(values.round2, 'round2');
  const suppliers2 = moneyOption(values['round2-suppliers'], 'round2-suppliers');
  const staff2 = moneyOption(values['round2-staff'], 'round2-staff');
  const round3 = moneyOption(values.round3, 'round3');
  const supplierShare = fractionOption(values['supplier-respend'], 'supplier-respend');
  const staffShare = fractionOption(values['staff-respend'], 'staff-respend');

  if (values.spend !== undefined) {
    for (const [v, n] of [
      [round2, 'round2'],
      [suppliers2, 'round2-suppliers'],
      [round3, 'round3'],
    ] as const) {
      if (v !== undefined)
        throw new UsageError(
          `--${n} cannot be used with --spend: round 2 suppliers come from the spend file and round 3 from the re-spend shares`,
        );
    }
    if (values.suppliers === undefined) {
      throw new UsageError(
        '--suppliers is required with --spend: without a register no supplier can be counted local',
      );
    }
    const { input: spend, options } = spendFlowInput(io, values, onProgress);
    const input: Lm3FlowInput = {
      round1,
      round2Staff: staff2,
      supplierRespend: supplierShare,
      staffRespend: staffShare,
      spend,
    };
    return outcome(await lm3Flow(input), options);
  }

  if (supplierShare !== undefined || staffShare !== undefined) {
    throw new UsageError(
      '--supplier-respend and --staff-respend go with --spend; with rounds given directly, give --round3',
    );
  }
  if (round2 !== undefined && (suppliers2 !== undefined || staff2 !== undefined)) {
    throw new UsageError('give either --round2 or --round2-suppliers/--round2-staff, not both');
  }
  if (round2 === undefined && suppliers2 === undefined && staff2 === undefined) {
    throw new UsageError(
      '--round2 (or --round2-suppliers and --round2-staff) is required: the part of round 1 spent locally',
    );
  }
  return outcome(await lm3Flow({ round1, round2, round2Suppliers: suppliers2, round2Staff: staff2, round3 }));
}

function outcome(r: Awaited<ReturnType<typeof lm3Flow>>, options?: SpendCliOptions): Lm3Outcome {
  if (!r.ok) throw new FatalIssues(r.headline, r.issues);
  const o: Lm3Outcome = { result: r.result, issues: r.issues, sha256: r.sha256, document: r.document };
  if (r.spend && options) o.spend = spendOutcome(r.spend, options);
  if (r.reSpendShares) o.reSpendShares = r.reSpendShares;
  return o;
}

/**
 * The JSON `commonweal lm3` writes: core `toLm3Json` with the issues, the inputs hash and, with
 * `--spend`, the spend file's local and total spend and the re-spend shares.
 *
 * @example
 * ```ts
 * lm3Json(outcome).lm3Rounded; // '1.60'
 * ```
 */
export function lm3Json(o: Lm3Outcome): Lm3Document {
  return o.document;
}

/**
 * Renders LM3 as a text table (or Markdown): each round, the ratio, and what it means per £1.
 *
 * @example
 * ```ts
 * io.stdout(lm3Table(outcome));
 * ```
 */
export function lm3Table(o: Lm3Outcome, markdown = false): string {
  const r = o.result;
  const { round1, round2, round3 } = r.rounds;
  const m = (d: Decimal) => formatMoney(d.toString());
  const rows: string[][] = [
    ['Round 1', 'income spent (contract value or budget)', m(round1.amount)],
    ['Round 2', 'spent locally: local suppliers', m(round2.suppliers)],
    ['', 'spent locally: local staff', m(round2.staff)],
    ['', 'round 2 total', m(round2.amount)],
    [
      'Round 3',
      'local re-spend by those suppliers and staff',
      round3.amount === null ? 'not surveyed' : m(round3.amount),
    ],
  ];
  if (round3.amount !== null && round3.extrapolated.gt(0)) {
    rows.push(['', 'of which surveyed / extrapolated', `${m(round3.surveyed)} / ${m(round3.extrapolated)}`]);
  }
  const ratio = round(r.lm3, RATIO_ROUNDING);
  const summary = [
    `${r.label} = (round 1 + round 2 + round 3) ÷ round 1 = ${ratio}`,
    `Every £1 of this income is worth £${ratio} to the local economy${r.status === 'partial' ? ' (at least: round 3 is incomplete, so this is a lower bound)' : ''}.`,
    `Method: ${cite(LM3_SOURCE)}. Range 1 (nothing spent locally) to 3 (everything re-spent locally).`,
  ];
  if (o.spend) {
    const a = o.spend.analysis;
    summary.push(
      `Round 2 suppliers = spend with local suppliers in ${o.spend.options.spend.join(', ')} (${formatMoney(a.local.amount.toString())} of ${formatMoney(a.total.amount.toString())}, local = ${a.definition.local.join(', ')}); round 3 = round 2 × re-spend shares from the survey (suppliers ${o.reSpendShares?.suppliers?.toString() ?? 'not given'}, staff ${o.reSpendShares?.staff?.toString() ?? 'not given'}).`,
    );
  }
  summary.push(
    `Ratio rounded half-up to 2 places for display; JSON keeps full precision. Inputs sha256 ${o.sha256}.`,
  );
  const head = ['round', 'what', 'amount'];
  const align: ('left' | 'right')[] = ['left', 'left', 'right'];
  if (markdown) {
    return [
      '# LM3 (Local Multiplier 3)',
      '',
      markdownTable(head, rows, align),
      markdownList(summary),
      '',
    ].join('\n');
  }
  return [
    textTable(head, rows, { align, title: `LM3 (Local Multiplier 3): ${ratio}` }),
    `${summary.join('\n')}\n`,
  ].join('\n');
}

/**
 * `commonweal lm3`: NEF's Local Multiplier 3 from rounds given directly, or from a spend file
 * and a supplier register with survey re-spend shares.
 *
 * @example
 * ```sh
 * commonweal lm3 --round1 100 --round2 40 --round3 20
 * ```
 */
export const lm3Command: Command = {
  name: 'lm3',
  summary: 'Local Multiplier 3 (NEF): how much of an income is spent and re-spent locally',
  usage:
    'commonweal lm3 --round1 N (--round2 N | --round2-suppliers N --round2-staff N) [--round3 N] | commonweal lm3 --round1 N --spend <file.csv|pattern>... --suppliers <register.csv> --local <LIST> --supplier-respend F [--round2-staff N --staff-respend F] [--format table|json|md]',
  options: {
    round1: {
      type: 'string',
      value: 'N',
      description: 'Round 1: the income spent (contract value or budget), e.g. 100000 or £100,000',
    },
    round2: {
      type: 'string',
      value: 'N',
      description: 'Round 2: the part of round 1 spent locally (suppliers and staff together)',
    },
    'round2-suppliers': { type: 'string', value: 'N', description: 'Round 2 spent with local suppliers' },
    'round2-staff': {
      type: 'string',
      value: 'N',
      description: 'Round 2 paid to staff living locally (also with --spend)',
    },
    round3: {
      type: 'string',
      value: 'N',
      description:
        'Round 3: what local recipients re-spend locally (survey); leave out when not surveyed (partial result)',
    },
    ...SPEND_READ_OPTIONS,
    'supplier-respend': {
      type: 'string',
      value: 'F',
      description:
        'With --spend: share of their income local suppliers re-spend locally (0–1, from the survey)',
    },
    'staff-respend': {
      type: 'string',
      value: 'F',
      description: 'With --spend: share of their pay local staff re-spend locally (0–1, from the survey)',
    },
    ...FORMAT_OPTION,
    ...REPORT_OPTION,
    ...OUT_OPTION,
    ...INPUT_OPTIONS,
  },
  examples: [
    'commonweal lm3 --round1 100 --round2 40 --round3 20',
    'commonweal lm3 --round1 1000000 --round2-suppliers 300000 --round2-staff 150000 --round3 180000 --format json',
    'commonweal lm3 --round1 250000 --spend examples/spend/spend.csv --suppliers examples/spend/suppliers.csv --local "EX1,EX2,EX4" --supplier-respend 0.4 --round2-staff 20000 --staff-respend 0.6',
  ],
  async run({ values }, io) {
    const format = chooseFormat(values.format, ['table', 'json', 'md']);
    const quiet = Boolean(values.quiet);
    reportKind(values.report);
    const progress = progressLine(io, quiet);
    let outcome: Lm3Outcome;
    try {
      outcome = await computeLm3(io, values, progress.tick);
    } finally {
      progress.done();
    }
    return finish(io, values, {
      issues: outcome.issues,
      output: () => (format === 'json' ? documentText(outcome.document) : lm3Table(outcome, format === 'md')),
      report: documentReport(() => lm3Document(outcome.document)),
    });
  },
};
