import type { CriterionInput, EvaluationModelInput } from '@commonweal/core/procurement';
import type { AwardsRead, OcdsContractSummary } from './awards';
import { add, type Ctx, type Obj, type Path, str } from './shared';
import type { OcdsImportSummary, OcdsLotSkeleton, OcdsSkeleton } from './types';

// Stage of the OCDS builder: the model skeleton of a lot, the import summary, and the assembly.

/**
 * The evaluation model skeleton of one lot: its id, title, currency and criteria, with the
 * texts that are present (award criteria description, weighting description, order
 * justification, the tender's award criteria details, the note) joined as its description.
 *
 * @example
 * ```ts
 * lotModel('ocds-1-lot-1', 'Care — lot 1', 'GBP', [], [undefined, 'Set the scales.']);
 * // { id: 'ocds-1-lot-1', title: 'Care — lot 1', description: 'Set the scales.', currency: 'GBP', criteria: [] }
 * ```
 */
export function lotModel(
  id: string,
  title: string,
  currency: string,
  criteria: CriterionInput[],
  texts: (string | undefined)[],
): EvaluationModelInput {
  const description = texts.filter((t): t is string => !!t).join(' ');
  return { id, title, ...(description ? { description } : {}), currency, criteria };
}

/**
 * How much was imported: releases, criteria over every lot, bids (evaluated and excluded),
 * awards, awarded suppliers and contracts.
 *
 * @example
 * ```ts
 * importSummary(2, [], { awards: [a], suppliers: twelve, contracts: [c] });
 * // { releases: 2, criteria: 0, bids: 0, awards: 1, suppliers: 12, contracts: 1 }
 * ```
 */
export function importSummary(
  releases: number,
  lots: readonly OcdsLotSkeleton[],
  read: Pick<AwardsRead, 'awards' | 'suppliers' | 'contracts'>,
): OcdsImportSummary {
  return {
    releases,
    criteria: lots.reduce((n, l) => n + l.model.criteria.length, 0),
    bids: lots.reduce((n, l) => n + l.bids.length + l.excludedBids.length, 0),
    awards: read.awards.length,
    suppliers: read.suppliers.length,
    contracts: read.contracts.length,
  };
}

/**
 * With no criteria in any lot, the per-lot `no_criteria` warnings become one
 * `no_award_criteria` warning saying what was imported (Contracts Finder never publishes award
 * criteria). Does nothing when some lot has criteria.
 *
 * @example
 * ```ts
 * noCriteriaNote(tender, ['releases', 0, 'tender'], summary, contract, ctx);
 * ctx.issues.at(-1)?.message; // 'no award criteria: imported 1 award, 12 suppliers, 1 contract (…); …'
 * ```
 */
export function noCriteriaNote(
  tender: Obj,
  tenderPath: Path,
  summary: OcdsImportSummary,
  contract: OcdsContractSummary,
  ctx: Ctx,
): void {
  if (summary.criteria !== 0) return;
  ctx.issues = ctx.issues.filter((i) => i.code !== 'no_criteria');
  add(
    ctx,
    'no_award_criteria',
    `no award criteria${typeof tender.awardCriteria === 'string' ? ` (tender.awardCriteria is "${tender.awardCriteria}", with no breakdown)` : ''}: imported ${importedText(summary, contract)}; no evaluation model can be made until the criteria and weights are added from the published methodology`,
    [...tenderPath, 'awardCriteria'],
    'warning',
  );
}

/**
 * Model assembly, the last stage: the process header, the lot skeletons and what
 * `readAwardsRead` read, with the summary, in the shape of {@link OcdsSkeleton}.
 *
 * @example
 * ```ts
 * assembleSkeleton('ocds-b5fd17-1', tender, header, [], read, summary).summary.suppliers; // 12
 * ```
 */
export function assembleSkeleton(
  ocid: string,
  tender: Obj,
  header: Pick<OcdsSkeleton, 'publisher' | 'publishedDate' | 'buyer'>,
  lots: OcdsLotSkeleton[],
  read: AwardsRead,
  summary: OcdsImportSummary,
): OcdsSkeleton {
  return {
    ocid: ocid || null,
    title: str(tender.title) ?? null,
    buyer: header.buyer,
    publisher: header.publisher,
    publishedDate: header.publishedDate,
    lots,
    ...read,
    summary,
  };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * "1 award, 12 suppliers, 1 contract (contract value 2437516.38 GBP from contracts; 2025-07-01
 * to 2028-06-30)": what was imported, in words.
 *
 * @example
 * ```ts
 * if (r.ok) importedText(r.value.summary, r.value.contract); // '1 award, 12 suppliers, 1 contract (…)'
 * ```
 */
export function importedText(s: OcdsImportSummary, c: OcdsContractSummary): string {
  const parts = [
    ...(s.criteria ? [plural(s.criteria, 'criterion', 'criteria')] : []),
    ...(s.bids ? [plural(s.bids, 'bid')] : []),
    plural(s.awards, 'award'),
    plural(s.suppliers, 'supplier'),
    plural(s.contracts, 'contract'),
  ];
  const details = [
    ...(c.value !== null
      ? [`contract value ${c.value}${c.currency ? ` ${c.currency}` : ''} from ${c.valueFrom}`]
      : []),
    ...(c.start !== null || c.end !== null ? [`${c.start ?? '?'} to ${c.end ?? '?'}`] : []),
  ];
  return `${parts.join(', ')}${details.length ? ` (${details.join('; ')})` : ''}`;
}
