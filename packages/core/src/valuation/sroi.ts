import { type Issue, issue } from '../issues/issues';
import { type Decimal, type DecimalLike, dec } from '../money/decimal';
import type { SroiResult } from './types';

/**
 * SROI figures from a present value, an investment and the annual impact (SROI guide, stage 5):
 * `ratio = PV ÷ investment`, `netRatio = (PV − investment) ÷ investment`,
 * `paybackMonths = investment ÷ (annual impact ÷ 12)`. The annual impact is Σ of the lines'
 * one-year impact (the Value Map's impact column, before drop-off and discounting); payback is
 * left out, with a warning, when it is not positive. The investment must be more than 0.
 *
 * @example
 * ```ts
 * const { sroi } = sroiFigures('150000', '50000', '54000');
 * sroi?.ratio.toString();        // '3'
 * sroi?.netRatio.toString();     // '2'
 * sroi?.paybackMonths?.toFixed(2); // '11.11'
 * ```
 */
export function sroiFigures(
  presentValue: DecimalLike,
  investment: DecimalLike,
  annualImpact: DecimalLike,
): { sroi?: SroiResult; issues: Issue[] } {
  const inv = dec(investment);
  if (!inv.gt(0)) {
    return {
      issues: [
        issue(
          'investment_not_positive',
          `the investment must be more than 0 for an SROI ratio, got ${inv.toString()}`,
          {
            field: 'investment',
          },
        ),
      ],
    };
  }
  const pv = dec(presentValue);
  const impact = dec(annualImpact);
  const sroi: SroiResult = {
    investment: inv,
    ratio: pv.dividedBy(inv),
    netRatio: pv.minus(inv).dividedBy(inv),
  };
  const issues: Issue[] = [];
  if (impact.gt(0)) sroi.paybackMonths = inv.times(12).dividedBy(impact);
  else {
    issues.push(
      issue(
        'no_payback',
        `the annual impact is ${impact.toString()}, so there is no payback period: payback needs a positive impact`,
        { field: 'investment', severity: 'warning' },
      ),
    );
  }
  return { sroi, issues };
}

/**
 * Social value as a percentage of the contract value (SV%, a delivery target — not the share of
 * evaluation marks given to social value): `PV ÷ contract value × 100`.
 *
 * @example
 * ```ts
 * socialValuePercent('25000', '100000').toString(); // '25'
 * ```
 */
export function socialValuePercent(presentValue: DecimalLike, contractValue: DecimalLike): Decimal {
  return dec(presentValue).times(100).dividedBy(dec(contractValue));
}
