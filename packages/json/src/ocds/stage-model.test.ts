import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readAwards } from './awards';
import type { Ctx, Located } from './shared';
import { assembleSkeleton, importedText, importSummary, lotModel, noCriteriaNote } from './stage-model';

// Model assembly on the Contracts Finder example (shape of a Contracts Finder award package;
// provenance in examples/ocds/README.md): no award criteria, 1 award, 12 suppliers, 1 contract.
const cf = JSON.parse(
  readFileSync(new URL('../../../../examples/ocds/contracts-finder-award.json', import.meta.url), 'utf8'),
);
const releases: Located[] = cf.releases.map((release: Record<string, unknown>, i: number) => ({
  release,
  path: ['releases', i],
}));
const ctx = (): Ctx => ({ issues: [], file: 'contracts-finder-award.json' });
const tenderAt = { value: cf.releases[1].tender, path: ['releases', 1, 'tender'] };

describe('model assembly (model stage)', () => {
  it('Contracts Finder: summary, the one no_award_criteria note in words, and the skeleton', () => {
    const c = ctx();
    const read = readAwards(releases, tenderAt, undefined, 'GBP', c);
    const summary = importSummary(2, [], read);
    expect(summary).toEqual({ releases: 2, criteria: 0, bids: 0, awards: 1, suppliers: 12, contracts: 1 });
    expect(importedText(summary, read.contract)).toBe(
      '1 award, 12 suppliers, 1 contract (contract value 2437516.38 GBP from contracts; 2025-07-01 to 2028-06-30)',
    );
    c.issues.push({ code: 'no_criteria', message: 'x', severity: 'warning' });
    noCriteriaNote(tenderAt.value, tenderAt.path, summary, read.contract, c);
    expect(c.issues.filter((i) => i.code === 'no_criteria')).toEqual([]);
    expect(c.issues.at(-1)?.code).toBe('no_award_criteria');
    const header = { publisher: 'Crown Commercial Service', publishedDate: null, buyer: null };
    const s = assembleSkeleton(cf.releases[1].ocid, tenderAt.value, header, [], read, summary);
    expect([s.ocid, s.lots, s.suppliers.length, s.contract.value]).toEqual([
      cf.releases[1].ocid,
      [],
      12,
      '2437516.38',
    ]);
  });

  it('lotModel joins the texts present; no texts, no description', () => {
    expect(lotModel('m', 'T', 'GBP', [], [undefined, 'A.', '', 'B.'])).toEqual({
      id: 'm',
      title: 'T',
      description: 'A. B.',
      currency: 'GBP',
      criteria: [],
    });
    expect(lotModel('m', 'T', 'GBP', [], [undefined])).toEqual({
      id: 'm',
      title: 'T',
      currency: 'GBP',
      criteria: [],
    });
  });
});
