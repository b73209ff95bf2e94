import { fail, hasErrors, type Issue, issue, ok, type Result } from '../issues/issues';
import { fromZodError } from '../issues/zod';
import { type Decimal, dec, sum, ZERO } from '../money/decimal';
import { type Criterion, type EvaluationModel, EvaluationModelSchema, type Scale } from './schema';

const HUNDRED = dec(100);

/**
 * A criterion placed in its model: parent, depth, path of ids from the top, JSON path, its own
 * weight and its effective weight (the product of the weights down the tree, in percentage
 * points of the total; 0 for gates).
 *
 * @example
 * ```ts
 * const nodes = flattenCriteria(model);
 * nodes.find((n) => n.id === 'method')?.effectiveWeight.toString(); // '36' for 60 % of a 60 % group
 * ```
 */
export interface CriterionNode {
  id: string;
  criterion: Criterion;
  parent: string | null;
  depth: number;
  path: string[];
  jsonPath: (string | number)[];
  weight: Decimal;
  effectiveWeight: Decimal;
  /** Own weights from the top level down to this criterion (percentages). */
  weightChain: Decimal[];
}

/**
 * The criteria of a model depth-first in model order (a group before its children).
 *
 * @example
 * ```ts
 * flattenCriteria(model).map((n) => n.id); // ['quality', 'method', 'staff', 'price']
 * ```
 */
export function flattenCriteria(model: EvaluationModel): CriterionNode[] {
  const out: CriterionNode[] = [];
  const walk = (
    list: Criterion[],
    parent: string | null,
    depth: number,
    path: string[],
    jsonPath: (string | number)[],
    chain: Decimal[],
  ) => {
    list.forEach((c, i) => {
      const weight = c.weight ?? ZERO;
      const weightChain = [...chain, weight];
      const effectiveWeight = weightChain.reduce((acc, w) => acc.times(w).dividedBy(HUNDRED), HUNDRED);
      const node: CriterionNode = {
        id: c.id,
        criterion: c,
        parent,
        depth,
        path: [...path, c.id],
        jsonPath: [...jsonPath, 'criteria', i],
        weight,
        effectiveWeight: c.type === 'pass-fail' ? ZERO : effectiveWeight,
        weightChain,
      };
      out.push(node);
      if (c.type === 'group') walk(c.criteria, c.id, depth + 1, node.path, node.jsonPath, weightChain);
    });
  };
  walk(model.criteria, null, 0, [], [], []);
  return out;
}

/**
 * The top of a scale: `max`, or the highest level's score.
 *
 * @example
 * ```ts
 * scaleMax({ max: dec(10) }).toString(); // '10'
 * scaleMax({ levels: [{ score: dec(0), label: 'Poor' }, { score: dec(4), label: 'Excellent' }] }).toString(); // '4'
 * ```
 */
export function scaleMax(scale: Scale): Decimal {
  if ('max' in scale) return scale.max;
  return scale.levels.reduce((m, l) => (l.score.gt(m) ? l.score : m), ZERO);
}

/**
 * True when a score is on the scale: one of its levels, or from 0 to max inclusive.
 *
 * @example
 * ```ts
 * isOnScale({ max: dec(10) }, dec('7.5')); // true
 * isOnScale({ levels: [{ score: dec(0), label: 'Poor' }, { score: dec(4), label: 'Good' }] }, dec(2)); // false
 * ```
 */
export function isOnScale(scale: Scale, score: Decimal): boolean {
  if ('max' in scale) return score.gte(0) && score.lte(scale.max);
  return scale.levels.some((l) => l.score.eq(score));
}

/**
 * The scores a scale makes available, in words (for assessment summaries).
 *
 * @example
 * ```ts
 * describeScale({ max: dec(10) }); // 'any score from 0 to 10'
 * describeScale({ levels: [{ score: dec(0), label: 'Poor' }, { score: dec(4), label: 'Good' }] }); // '0 (Poor), 4 (Good)'
 * ```
 */
export function describeScale(scale: Scale): string {
  if ('max' in scale) return `any score from 0 to ${scale.max.toString()}`;
  return [...scale.levels]
    .sort((a, b) => a.score.comparedTo(b.score))
    .map((l) => `${l.score.toString()} (${l.label}${l.descriptor ? `: ${l.descriptor}` : ''})`)
    .join(', ');
}

function groupName(parent: Criterion | null, model: EvaluationModel): string {
  return parent ? `group "${parent.title}" (${parent.id})` : `the top level of "${model.title}"`;
}

function checkScale(scale: Scale, c: Criterion, at: (string | number)[], issues: Issue[]): void {
  if ('max' in scale) {
    if (!scale.max.gt(0)) {
      issues.push(
        issue('scale_invalid', `criterion "${c.id}": the scale maximum must be above 0`, {
          path: [...at, 'scale', 'max'],
        }),
      );
    }
    return;
  }
  const seen = new Set<string>();
  scale.levels.forEach((l, i) => {
    if (l.score.lt(0)) {
      issues.push(
        issue('scale_invalid', `criterion "${c.id}": level "${l.label}" has a negative score`, {
          path: [...at, 'scale', 'levels', i, 'score'],
        }),
      );
    }
    const key = l.score.toString();
    if (seen.has(key)) {
      issues.push(
        issue(
          'scale_invalid',
          `criterion "${c.id}": two levels have the score ${key}: give each level its own score`,
          { path: [...at, 'scale', 'levels', i, 'score'] },
        ),
      );
    }
    seen.add(key);
  });
  if (!scaleMax(scale).gt(0)) {
    issues.push(
      issue('scale_invalid', `criterion "${c.id}": the highest level must score above 0`, {
        path: [...at, 'scale', 'levels'],
      }),
    );
  }
}

function checkCriterion(c: Criterion, at: (string | number)[], issues: Issue[]): void {
  switch (c.type) {
    case 'pass-fail':
      if (c.weight && !c.weight.isZero()) {
        issues.push(
          issue(
            'gate_weighted',
            `pass/fail criterion "${c.id}" has weight ${c.weight.toString()}: a gate carries no weight; omit it or set 0`,
            { path: [...at, 'weight'] },
          ),
        );
      }
      return;
    case 'quality':
    case 'social-value':
      if (c.type === 'quality' || c.mode === 'qualitative') {
        checkScale(c.scale, c, at, issues);
        if (c.minimum && (c.minimum.lt(0) || c.minimum.gt(scaleMax(c.scale)))) {
          issues.push(
            issue(
              'minimum_off_scale',
              `criterion "${c.id}": minimum ${c.minimum.toString()} is not within the scale (0 to ${scaleMax(c.scale).toString()})`,
              { path: [...at, 'minimum'] },
            ),
          );
        }
        return;
      }
      if (c.max && !c.max.gt(0))
        issues.push(
          issue('max_invalid', `criterion "${c.id}": max must be above 0`, { path: [...at, 'max'] }),
        );
      if (c.cap && !c.cap.gt(0))
        issues.push(
          issue('cap_invalid', `criterion "${c.id}": cap must be an amount above 0`, {
            path: [...at, 'cap'],
          }),
        );
      if (c.minimum?.lt(0))
        issues.push(
          issue('minimum_invalid', `criterion "${c.id}": minimum social value cannot be negative`, {
            path: [...at, 'minimum'],
          }),
        );
      if (c.fullMarksAt) {
        if (c.method !== 'percent-of-price') {
          issues.push(
            issue(
              'option_unused',
              `criterion "${c.id}": fullMarksAt applies only to method "percent-of-price"; remove it`,
              { path: [...at, 'fullMarksAt'] },
            ),
          );
        } else if (!c.fullMarksAt.gt(0)) {
          issues.push(
            issue(
              'full_marks_invalid',
              `criterion "${c.id}": fullMarksAt must be a share above 0 (e.g. 0.1 for 10 %)`,
              { path: [...at, 'fullMarksAt'] },
            ),
          );
        }
      }
      return;
    case 'price':
      if (c.max && !c.max.gt(0))
        issues.push(
          issue('max_invalid', `criterion "${c.id}": max must be above 0`, { path: [...at, 'max'] }),
        );
      if (c.method === 'budget') {
        if (!c.reference || !c.ceiling) {
          issues.push(
            issue(
              'budget_incomplete',
              `price criterion "${c.id}" uses method "budget": set "reference" (full marks) and "ceiling" (zero marks), fixed before bids open`,
              { path: at },
            ),
          );
        } else if (!c.ceiling.gt(c.reference)) {
          issues.push(
            issue(
              'budget_invalid',
              `price criterion "${c.id}": the ceiling (${c.ceiling.toString()}) must be above the reference price (${c.reference.toString()})`,
              { path: [...at, 'ceiling'] },
            ),
          );
        }
      } else if (c.reference || c.ceiling) {
        issues.push(
          issue(
            'option_unused',
            `price criterion "${c.id}": "reference" and "ceiling" apply only to method "budget"; they are ignored`,
            { path: at, severity: 'warning' },
          ),
        );
      }
      return;
    case 'group':
      return;
  }
}

/**
 * Checks a parsed model's rules that a schema cannot: sibling weights sum to 100 (an issue
 * names the group), gates carry no weight, ids are unique, scales and minimums make sense,
 * `budget` prices have a reference below the ceiling, and `tieBreak` names scored criteria.
 *
 * @example
 * ```ts
 * checkModel(model); // [] when the model is sound
 * ```
 */
export function checkModel(model: EvaluationModel): Issue[] {
  const issues: Issue[] = [];
  const ids = new Map<string, Criterion>();
  const walk = (list: Criterion[], parent: Criterion | null, at: (string | number)[]) => {
    const scored = list.filter((c) => c.type !== 'pass-fail');
    const total = sum(scored.map((c) => c.weight ?? ZERO));
    if (scored.length > 0 && !total.eq(HUNDRED)) {
      issues.push(
        issue(
          'weights_not_100',
          `the weights in ${groupName(parent, model)} sum to ${total.toString()}, not 100: adjust them so that they add up to 100 (${scored.map((c) => `${c.id} ${(c.weight ?? ZERO).toString()}`).join(', ')})`,
          { path: [...at, 'criteria'] },
        ),
      );
    }
    list.forEach((c, i) => {
      const here = [...at, 'criteria', i];
      if (ids.has(c.id)) {
        issues.push(
          issue(
            'duplicate_criterion',
            `criterion id "${c.id}" is used twice: give each criterion its own id`,
            { path: [...here, 'id'] },
          ),
        );
      }
      ids.set(c.id, c);
      checkCriterion(c, here, issues);
      if (c.type === 'group') {
        if (!c.criteria.some((k) => k.type !== 'pass-fail') && !c.weight.isZero()) {
          issues.push(
            issue(
              'group_without_scores',
              `group "${c.id}" has weight ${c.weight.toString()} but only pass/fail criteria: give it weight 0 or add scored criteria`,
              { path: [...here, 'weight'] },
            ),
          );
        }
        walk(c.criteria, c, here);
      }
    });
  };
  walk(model.criteria, null, []);
  if (!model.criteria.some((c) => c.type !== 'pass-fail')) {
    issues.push(
      issue(
        'no_scored_criteria',
        `"${model.title}" has only pass/fail criteria: add weighted criteria (price, quality or social value) to rank the bids`,
        { path: ['criteria'] },
      ),
    );
  }
  const seen = new Set<string>();
  (model.tieBreak ?? []).forEach((id, i) => {
    const c = ids.get(id);
    if (!c)
      issues.push(
        issue('unknown_criterion', `tieBreak names "${id}", which is not a criterion of the model`, {
          path: ['tieBreak', i],
        }),
      );
    else if (c.type === 'pass-fail')
      issues.push(
        issue(
          'tie_break_gate',
          `tieBreak names the pass/fail criterion "${id}", which has no score to compare`,
          { path: ['tieBreak', i] },
        ),
      );
    if (seen.has(id))
      issues.push(
        issue('tie_break_duplicate', `tieBreak names "${id}" twice`, {
          path: ['tieBreak', i],
          severity: 'warning',
        }),
      );
    seen.add(id);
  });
  const low = model.abnormallyLow;
  if (low && (!low.share.gt(0) || low.share.gt(1))) {
    issues.push(
      issue(
        'abnormally_low_share',
        `abnormallyLow.share must be a fraction above 0 and at most 1 (e.g. 0.8 for 80 % of the ${low.basis ?? 'mean'})`,
        { path: ['abnormallyLow', 'share'] },
      ),
    );
  }
  return issues;
}

/**
 * Reads an evaluation model from JSON-shaped input: the schema, then {@link checkModel}.
 * Issues carry the JSON path.
 *
 * @example
 * ```ts
 * const r = validateModel({ id: 'T1', title: 'Cleaning', currency: 'GBP', criteria: [
 *   { id: 'price', title: 'Price', weight: 40, type: 'price', method: 'lowest-ratio' },
 *   { id: 'quality', title: 'Quality', weight: 50, type: 'quality', scale: { max: 5 } },
 * ] });
 * r.ok; // false: weights_not_100 names the top level (sum 90)
 * ```
 */
export function validateModel(input: unknown): Result<EvaluationModel> {
  const parsed = EvaluationModelSchema.safeParse(input);
  if (!parsed.success) return fail(fromZodError(parsed.error));
  const issues = checkModel(parsed.data);
  return hasErrors(issues) ? fail(issues) : ok(parsed.data, issues);
}
