import { dec, sum } from '@commonweal/core/money';
import type { CriterionInput } from '@commonweal/core/procurement';
import { add, arr, type Ctx, decimalText, Ids, type Obj, obj, type Path, str } from './shared';

// Stage of the OCDS builder: award criteria → criteria with weights, and their issues.

function slug(text: string): string {
  const s = text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return s === '' ? 'criterion' : s;
}

const PRICE_TYPES = new Set(['price', 'cost']);

interface CriterionOut {
  criterion: CriterionInput;
  weight: string | null;
  generatedId: boolean;
}

/**
 * The weight of one award criterion as a percentage string: the first `numbers[].weight`
 * (percentages as given, decimals up to 1 × 100, points as percentage points; `order` is no
 * weight), else a numeric `description` (the FTS 2021 trap). Null, with an issue, when there is
 * none. Fixed prices and `maximumBids` thresholds are warned about.
 *
 * @example
 * ```ts
 * criterionWeight({ numbers: [{ number: 0.4, weight: 'decimalExact' }] }, ['c'], ctx, 'criterion "Q"');
 * // { weight: '40', order: false }
 * ```
 */
export function criterionWeight(
  item: Obj,
  at: Path,
  ctx: Ctx,
  label: string,
): { weight: string | null; order: boolean } {
  const numbers = arr(item.numbers);
  const weighted = numbers
    .map((n, j) => ({ n: obj(n), j }))
    .filter((x): x is { n: Obj; j: number } => x.n !== undefined && typeof x.n.weight === 'string');
  for (const { n, j } of numbers.map((n, j) => ({ n: obj(n), j }))) {
    if (!n) continue;
    if (typeof n.fixed === 'string')
      add(
        ctx,
        'fixed_price',
        `${label}: the ${n.fixed === 'unit' ? 'unit price' : 'price'} is fixed at ${str(n.number) ?? '(no number)'}; bidders compete on the other criteria`,
        [...at, 'numbers', j],
        'warning',
      );
    if (n.threshold === 'maximumBids')
      add(
        ctx,
        'maximum_bids',
        `${label}: only the best ${str(n.number) ?? '(no number)'} bids go forward on this criterion; Commonweal does not model that cut: apply it before evaluating`,
        [...at, 'numbers', j],
        'warning',
      );
  }
  if (weighted.length > 1)
    add(
      ctx,
      'several_weights',
      `${label} has ${weighted.length} weights: the first is used`,
      [...at, 'numbers'],
      'warning',
    );
  const first = weighted[0];
  if (first) {
    const where = [...at, 'numbers', first.j];
    const kind = first.n.weight as string;
    const value = decimalText(first.n.number);
    if (kind === 'order') {
      add(
        ctx,
        'weight_is_order',
        `${label} is ranked ${value ?? '(no rank)'} in order of importance, not weighted: set percentage weights that respect the published order`,
        where,
      );
      return { weight: null, order: true };
    }
    if (value === undefined) {
      add(ctx, 'weight_not_a_number', `${label}: the ${kind} weight has no number: set the weight`, where);
      return { weight: null, order: false };
    }
    if (kind.endsWith('RangeMiddle'))
      add(
        ctx,
        'weight_range_middle',
        `${label}: the weight ${value} is the middle of a published range: check it against the methodology`,
        where,
        'warning',
      );
    if (kind.startsWith('decimal')) {
      const d = dec(value);
      if (d.lte(1)) return { weight: d.times(100).toFixed(), order: false };
      add(
        ctx,
        'decimal_weight_above_1',
        `${label}: the decimal weight ${value} is above 1, so it is read as a percentage: check it`,
        where,
        'warning',
      );
    }
    if (kind.startsWith('points'))
      add(
        ctx,
        'weight_in_points',
        `${label}: the weight is ${value} points, read as percentage points of 100: check the total`,
        where,
        'warning',
      );
    if (!kind.startsWith('percentage') && !kind.startsWith('decimal') && !kind.startsWith('points')) {
      add(
        ctx,
        'weight_kind_unknown',
        `${label}: weight kind "${kind}" is not an OCDS code: check the weight ${value}`,
        where,
        'warning',
      );
    }
    return { weight: value, order: false };
  }
  // FTS 2021 (ocds-h6vhtk-02911b): {"name":"price","type":"cost","description":"60"}
  const fromText = decimalText(item.description, true);
  if (fromText !== undefined) {
    add(
      ctx,
      'weight_from_description',
      `${label}: no numbers[] weight; the description "${String(item.description).trim()}" is read as a weight of ${fromText} %: check it`,
      [...at, 'description'],
      'warning',
    );
    return { weight: fromText, order: false };
  }
  add(ctx, 'weight_missing', `${label} has no weight: set its weight (a percentage)`, at);
  return { weight: null, order: false };
}

function criterionFrom(item: Obj, at: Path, ids: Ids, ctx: Ctx): CriterionOut {
  const name = str(item.name);
  const description = str(item.description);
  const numericDescription = decimalText(item.description, true) !== undefined;
  const rawType = str(item.type)?.toLowerCase();
  const ownId = typeof item.id === 'string' || typeof item.id === 'number' ? str(item.id) : undefined;
  const label = `criterion "${name ?? ownId ?? rawType ?? `#${String(at[at.length - 1])}`}"`;
  let kind: 'price' | 'quality';
  if (rawType !== undefined && PRICE_TYPES.has(rawType)) kind = 'price';
  else if (rawType === 'quality') kind = 'quality';
  else {
    kind = /\b(price|cost)\b/i.test(name ?? '') ? 'price' : 'quality';
    add(
      ctx,
      rawType === undefined ? 'criterion_type_missing' : 'criterion_type_unknown',
      `${label} has ${rawType === undefined ? 'no type' : `type "${rawType}", which is not price, cost or quality`}: read as ${kind}: check it`,
      [...at, 'type'],
      'warning',
    );
  }
  if (rawType === 'cost')
    add(
      ctx,
      'cost_as_price',
      `${label} is of type cost: scored like price, on each bid's tendered price (put whole-life costs in the price if the methodology counts them)`,
      [...at, 'type'],
      'warning',
    );
  let id: string;
  let generatedId = false;
  if (ownId !== undefined && !ids.has(ownId)) id = ids.take(ownId);
  else {
    id = ids.take(slug(name ?? (kind === 'price' ? 'price' : 'quality')));
    generatedId = true;
  }
  const title = name ?? (description && !numericDescription ? description : id);
  const { weight } = criterionWeight(item, at, ctx, label);
  const w = weight ?? '0';
  const desc = description && !numericDescription && description !== title ? { description } : {};
  if (kind === 'price') {
    add(
      ctx,
      'price_method_assumed',
      `${label}: OCDS does not say how price is scored; "lowest-ratio" (marks × lowest price ÷ this price, the UK default) is assumed: set the method the methodology publishes`,
      at,
      'warning',
    );
    return {
      criterion: { id, title, ...desc, weight: w, type: 'price', method: 'lowest-ratio' },
      weight,
      generatedId,
    };
  }
  const minimum = arr(item.numbers)
    .map(obj)
    .find((n) => n?.threshold === 'minimumScore');
  const min = minimum ? decimalText(minimum.number) : undefined;
  add(
    ctx,
    'scale_assumed',
    `${label}: OCDS does not publish the scoring scale; a default scale of 0 to 100 is set: set the real scale (e.g. 0–4 with level descriptors)${min !== undefined ? ` and check the minimum score ${min} on it` : ''}`,
    at,
    'warning',
  );
  const keepMin = min !== undefined && dec(min).gte(0) && dec(min).lte(100);
  const criterion: CriterionInput = {
    id,
    title,
    ...desc,
    weight: w,
    type: 'quality',
    scale: { max: '100' },
    ...(keepMin ? { minimum: min } : {}),
  };
  return { criterion, weight, generatedId };
}

/**
 * The award criteria items of a lot or of the tender, with their JSON paths: from
 * `awardCriteria.criteria[]`, else the draft `awardCriteriaBreakdown[]`; null when it has neither.
 *
 * @example
 * ```ts
 * criteriaItems({ awardCriteria: { criteria: [{ name: 'Price' }] } }, ['tender'])?.[0]?.path;
 * // ['tender', 'awardCriteria', 'criteria', 0]
 * ```
 */
export function criteriaItems(holder: Obj, at: Path): { item: unknown; path: Path }[] | null {
  const ac = obj(holder.awardCriteria);
  if (ac && Array.isArray(ac.criteria))
    return ac.criteria.map((item, i) => ({ item, path: [...at, 'awardCriteria', 'criteria', i] }));
  if (Array.isArray(holder.awardCriteriaBreakdown)) {
    const out: { item: unknown; path: Path }[] = [];
    holder.awardCriteriaBreakdown.forEach((b, i) => {
      const o = obj(b);
      if (o && Array.isArray(o.criteria))
        o.criteria.forEach((item, j) => {
          out.push({ item, path: [...at, 'awardCriteriaBreakdown', i, 'criteria', j] });
        });
      else out.push({ item: b, path: [...at, 'awardCriteriaBreakdown', i] });
    });
    return out;
  }
  return null;
}

const ONE_CRITERION: Record<string, 'price' | 'quality'> = {
  priceonly: 'price',
  costonly: 'price',
  lowestcost: 'price',
  qualityonly: 'quality',
};

/**
 * Stage of the OCDS builder: the award criteria of a lot (or of the tender) → the model's
 * criteria with their weights, and the issues. Price and cost become `lowest-ratio` price
 * criteria, quality gets a default 0–100 scale (warnings say both are assumed); ids are made
 * from names when OCDS gives none; weights that do not sum to 100 are an error. With no items
 * (`null`), the core codes `priceOnly`, `costOnly`, `lowestCost` and `qualityOnly` in
 * `tender.awardCriteria` give one criterion weighted 100; otherwise the list is empty, with a
 * `no_criteria` warning.
 *
 * @example
 * ```ts
 * const items = criteriaItems(lot, ['tender', 'lots', 0]);
 * buildCriteria(items, tender, ['tender'], ['tender', 'lots', 0, 'awardCriteria'], ctx, 'lot "1"')
 *   .map((c) => [c.id, c.weight]); // [['quality', '40'], ['social-value', '10'], ['price', '50']]
 * ```
 */
export function buildCriteria(
  items: { item: unknown; path: Path }[] | null,
  tender: Obj,
  tenderPath: Path,
  listPath: Path,
  ctx: Ctx,
  where: string,
): CriterionInput[] {
  const ids = new Ids();
  if (items === null) {
    const code = str(tender.awardCriteria);
    const single = code ? ONE_CRITERION[code.toLowerCase()] : undefined;
    if (single) {
      const item = {
        type: single,
        name: single === 'price' ? 'Price' : 'Quality',
        numbers: [{ number: 100, weight: 'percentageExact' }],
      };
      add(
        ctx,
        'criteria_from_code',
        `${where}: tender.awardCriteria is "${code}", read as one ${single} criterion weighted 100 %`,
        [...tenderPath, 'awardCriteria'],
        'warning',
      );
      const silent: Ctx = { issues: [], file: ctx.file };
      const out = criterionFrom(item, [...tenderPath, 'awardCriteria'], ids, silent);
      for (const i of silent.issues)
        if (i.code === 'scale_assumed' || i.code === 'price_method_assumed') ctx.issues.push(i);
      return [out.criterion];
    }
    add(
      ctx,
      'no_criteria',
      `${where}: no award criteria published (awardCriteria.criteria)${code ? `; tender.awardCriteria is "${code}"` : ''}: add the criteria and weights from the published methodology to evaluate`,
      listPath,
      'warning',
    );
    return [];
  }
  const outs: CriterionOut[] = [];
  for (const { item, path } of items) {
    const o = obj(item);
    if (!o) {
      add(ctx, 'criterion_not_object', `${where}: an award criterion is not an object: it was skipped`, path);
      continue;
    }
    outs.push(criterionFrom(o, path, ids, ctx));
  }
  if (outs.length === 0) {
    add(
      ctx,
      'no_criteria',
      `${where}: the award criteria list is empty: add the criteria and weights to evaluate`,
      listPath,
      'warning',
    );
    return [];
  }
  const generated = outs.filter((o) => o.generatedId).map((o) => o.criterion.id);
  if (generated.length)
    add(
      ctx,
      'criterion_ids_generated',
      `${where}: OCDS award criteria have no ids, so ids were made from their names: ${generated.join(', ')} (use these in the scores file, or rename them in the model)`,
      listPath,
      'warning',
    );
  const weights = outs.map((o) => o.weight);
  if (weights.every((w) => w !== null)) {
    const total = sum(weights.map((w) => dec(w as string)));
    if (!total.eq(100))
      add(
        ctx,
        'weights_not_100',
        `${where}: the weights sum to ${total.toFixed()}, not 100 (${outs.map((o) => `${o.criterion.id} ${o.weight}`).join(', ')}): adjust them so that they add up to 100`,
        listPath,
      );
  }
  if (outs.filter((o) => o.criterion.type === 'price').length > 1)
    add(
      ctx,
      'several_price_criteria',
      `${where}: more than one price or cost criterion; each scores the whole tendered price: point each at a price line ("line") or merge them`,
      listPath,
      'warning',
    );
  return outs.map((o) => o.criterion);
}
