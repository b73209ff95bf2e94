import { type Issue, issue } from '../issues/issues';
import { ZERO } from '../money/decimal';
import { formatMoney } from '../money/round';
import { type Explained, explain } from '../trace/trace';
import type { Entry } from '../valuation/schema';
import { at, locate, moneyBelow, scoredCell, unscored, type Work } from './cells';
import type { CriterionNode } from './model';
import type { EvaluationInput, EvaluationModel, QuantitativeSocialValueCriterion } from './schema';
import { scoreSocialValue, valueCommitments } from './social-value';
import { EXCLUDED } from './stage-price';

/** A quantitative social value criterion's node. */
export type QuantitativeNode = CriterionNode & { criterion: QuantitativeSocialValueCriterion };

/**
 * The social value stage, first half: each bid's quantitative social value, valued once — as
 * given with the bid, or its commitments valued with the framework and discounting (their
 * issues located on the commitments' rows).
 *
 * @example
 * ```ts
 * valueSocialValues(works, input, bidIndex, issues);
 * works[0]?.socialValue?.value.toString(); // present value of its commitments
 * ```
 */
export function valueSocialValues(
  works: Work[],
  input: EvaluationInput,
  bidIndex: ReadonlyMap<string, number>,
  issues: Issue[],
): void {
  const grouped = new Map<string, { entry: Entry; index: number }[]>();
  (input.commitments ?? []).forEach((entry, index) => {
    const where = at(['commitments', index], entry.line, 'bid');
    if (entry.bid === undefined) {
      issues.push(
        issue(
          'commitment_without_bid',
          `commitment ${index + 1} (${entry.measure}) names no bid: add the bid id`,
          where,
        ),
      );
      return;
    }
    if (!bidIndex.has(entry.bid)) {
      issues.push(
        issue(
          'unknown_bid',
          `commitment ${index + 1} is for bid "${entry.bid}", which is not among the bids`,
          where,
        ),
      );
      return;
    }
    const list = grouped.get(entry.bid);
    if (list) list.push({ entry, index });
    else grouped.set(entry.bid, [{ entry, index }]);
  });
  let baseYear = input.valuation?.baseYear;
  if (baseYear === undefined) {
    for (const list of grouped.values())
      for (const { entry } of list)
        if (baseYear === undefined || entry.year < baseYear) baseYear = entry.year;
  }
  let warnedFramework = false;
  let warnedDiscounting = false;
  for (const w of works) {
    const id = w.bid.bid;
    const own = grouped.get(id) ?? [];
    if (w.bid.socialValue !== undefined) {
      if (own.length) {
        issues.push(
          issue(
            'social_value_twice',
            `bid "${id}" gives socialValue and also has commitments: give one or the other`,
            at(['bids', w.index, 'socialValue'], w.bid.line),
          ),
        );
        w.svMissing = 'social value given twice';
        continue;
      }
      w.socialValue = explain(
        w.bid.socialValue,
        'social value as given with the bid (valued before evaluation)',
        { socialValue: w.bid.socialValue },
      );
      continue;
    }
    if (input.commitments === undefined) {
      issues.push(
        issue(
          'missing_social_value',
          `bid "${id}" has no social value: give the bids' commitments (with framework and valuation) or a socialValue per bid`,
          at(['bids', w.index], w.bid.line),
        ),
      );
      w.svMissing = 'no social value given';
      continue;
    }
    if (own.length === 0) {
      w.socialValue = explain(ZERO, 'social value = 0 (the bid made no commitments)', {});
      continue;
    }
    if (!input.framework) {
      if (!warnedFramework)
        issues.push(
          issue(
            'framework_missing',
            'commitments are given but no framework to value them: add the tender’s framework',
            { path: ['framework'] },
          ),
        );
      warnedFramework = true;
      w.svMissing = 'no framework to value commitments';
      continue;
    }
    const discounting = input.valuation?.discounting;
    if (discounting === undefined) {
      if (!warnedDiscounting) {
        issues.push(
          issue(
            'discounting_missing',
            'say how to discount the commitments: valuation.discounting (a schedule, or null for none)',
            { path: ['valuation', 'discounting'] },
          ),
        );
      }
      warnedDiscounting = true;
      w.svMissing = 'no discounting chosen';
      continue;
    }
    const opts: Parameters<typeof valueCommitments>[2] = { baseYear: baseYear as number, discounting };
    if (input.valuation?.priceYear !== undefined) opts.priceYear = input.valuation.priceYear;
    if (input.valuation?.indexSeries !== undefined) opts.indexSeries = input.valuation.indexSeries;
    if (input.valuation?.firstPeriodDiscounted !== undefined)
      opts.firstPeriodDiscounted = input.valuation.firstPeriodDiscounted;
    const r = valueCommitments(
      input.framework,
      own.map((o) => o.entry),
      opts,
    );
    const remap = (i: Issue): Issue => {
      const out: Issue = { ...i, message: `bid "${id}": ${i.message}` };
      const p = i.path;
      if (p && p[0] === 'entries' && typeof p[1] === 'number') {
        const original = own[p[1]];
        if (original) out.path = ['commitments', original.index, ...p.slice(2)];
      }
      // The valuation's options are the evaluation's `valuation` (price year, index series…).
      if (p && p[0] === 'options') out.path = ['valuation', ...p.slice(1)];
      return out;
    };
    for (const x of r.issues.map(remap)) issues.push(x);
    if (!r.ok) {
      w.svMissing = 'its commitments could not all be valued';
      continue;
    }
    w.socialValue = r.value;
  }
}

/**
 * The social value stage, minimums: a bid whose valued social value is below a quantitative
 * criterion's minimum (an absolute amount) is disqualified, with the amounts in the reason.
 *
 * @example
 * ```ts
 * applySocialValueMinimums(works, quantitative, model);
 * works[0]?.disqualify; // ['offered social value of £900.00 on "Social value", below the minimum of £1,000.00']
 * ```
 */
export function applySocialValueMinimums(
  works: readonly Work[],
  quantitative: readonly QuantitativeNode[],
  model: EvaluationModel,
): void {
  for (const w of works) {
    if (!w.socialValue) continue;
    for (const n of quantitative) {
      const min = n.criterion.minimum;
      if (min && w.socialValue.value.lt(min)) {
        w.disqualify.push(
          `offered social value of ${moneyBelow(w.socialValue.value, min, model.currency)} on "${n.criterion.title}", below the minimum of ${formatMoney(min, model.currency)}`,
        );
      }
    }
  }
}

/**
 * The social value stage, scores: each quantitative criterion scored over the compliant bids
 * that have a value, by its method; a bid without a value is unscored with the reason, and
 * disqualified bids are excluded.
 *
 * @example
 * ```ts
 * scoreSocialValueCriteria(works, compliant, quantitative, bidIndex, issues);
 * works[0]?.cells.get('sv')?.raw?.toString(); // '100' for the highest social value
 * ```
 */
export function scoreSocialValueCriteria(
  works: readonly Work[],
  compliant: readonly Work[],
  quantitative: readonly QuantitativeNode[],
  bidIndex: ReadonlyMap<string, number>,
  issues: Issue[],
): void {
  for (const node of quantitative) {
    const c = node.criterion;
    const valued = compliant.filter((w) => w.socialValue !== null);
    for (const w of compliant) {
      if (!w.socialValue)
        w.cells.set(
          node.id,
          unscored(w.svMissing ?? 'no social value', `${c.title} (${w.svMissing ?? 'no social value'})`),
        );
    }
    const rule: Parameters<typeof scoreSocialValue>[0] = { method: c.method };
    if (c.max) rule.max = c.max;
    if (c.cap) rule.cap = c.cap;
    if (c.fullMarksAt) rule.fullMarksAt = c.fullMarksAt;
    const r = scoreSocialValue(
      rule,
      valued.map((w) => {
        const sv = w.socialValue as Explained;
        return { bid: w.bid.bid, value: sv.value, price: w.bid.price, trace: sv.trace };
      }),
    );
    for (const i of r.issues) issues.push(locate(i, bidIndex));
    const scored = new Map(r.ok ? r.value.map((s) => [s.bid, s]) : []);
    for (const w of valued) {
      const s = scored.get(w.bid.bid);
      w.cells.set(
        node.id,
        s
          ? scoredCell(s.raw, s.normalised, s.exact, s.trace)
          : unscored(
              'social value as a share of a price that is not above 0',
              `${c.title} (price not above 0)`,
            ),
      );
    }
    for (const w of works) if (w.disqualify.length) w.cells.set(node.id, unscored(EXCLUDED, null));
  }
}
