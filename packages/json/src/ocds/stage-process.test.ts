import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Ctx, Located } from './shared';
import { processHeader, processSections, selectProcess } from './stage-process';

// The process stages on the example packages (shapes of Contracts Finder and Find a Tender
// release packages; provenance in examples/ocds/README.md).
const read = (f: string) =>
  JSON.parse(readFileSync(new URL(`../../../../examples/ocds/${f}`, import.meta.url), 'utf8'));
const ctx = (): Ctx => ({ issues: [], file: 'x.json' });

describe('processSections and processHeader', () => {
  it('Find a Tender: the UK7 release (the later) holds the tender and bids read; publisher Cabinet Office', () => {
    const root = read('find-a-tender-award.json');
    const p = selectProcess(root, {}, ctx());
    const s = processSections(p?.releases ?? [], ctx());
    expect(s.tenderPath).toEqual(['releases', 1, 'tender']);
    expect(s.bidsAt?.path).toEqual(['releases', 1, 'bids']);
    expect(Array.isArray(s.awards) && s.awards.length).toBe(2);
    expect(processHeader(root, p?.releases ?? [])).toMatchObject({ publisher: 'Cabinet Office' });
  });

  it('Contracts Finder: the award notice of 20 June 2025; buyer Exe Vale District Council', () => {
    const root = read('contracts-finder-award.json');
    const p = selectProcess(root, {}, ctx());
    const s = processSections(p?.releases ?? [], ctx());
    expect(s.tenderPath).toEqual(['releases', 1, 'tender']);
    expect(s.bidsAt).toBeUndefined();
    expect(processHeader(root, p?.releases ?? [])).toEqual({
      publisher: 'Crown Commercial Service',
      publishedDate: '2025-06-20T14:05:11Z',
      buyer: { id: 'GB-CFS-208871', name: 'Exe Vale District Council' },
    });
  });

  it('no tender in any release is a warning', () => {
    const c = ctx();
    expect(processSections([{ release: { ocid: 'o' }, path: [] }], c).tender).toEqual({});
    expect(c.issues.map((i) => [i.code, i.severity])).toEqual([['no_tender', 'warning']]);
  });

  it('property: with distinct dates, the tender and bids read do not depend on the order of the releases', () => {
    fc.assert(
      fc.property(
        fc
          .uniqueArray(fc.integer({ min: 1, max: 28 }), { minLength: 1, maxLength: 6 })
          .chain((days) =>
            fc.tuple(
              fc.constant(days),
              fc.shuffledSubarray(days, { minLength: days.length, maxLength: days.length }),
            ),
          ),
        ([days, shuffled]) => {
          const rel = (d: number): Located => ({
            release: {
              ocid: 'o',
              date: `2025-01-${String(d).padStart(2, '0')}`,
              tender: { title: `T${d}` },
              ...(d % 2 ? { bids: { n: d } } : {}),
            },
            path: [],
          });
          const a = processSections(days.map(rel), ctx());
          const b = processSections(shuffled.map(rel), ctx());
          expect(b.tender).toEqual(a.tender);
          expect(b.bidsAt?.value).toEqual(a.bidsAt?.value);
          expect(a.tender.title).toBe(`T${Math.max(...days)}`);
        },
      ),
      { seed: 5, numRuns: 200 },
    );
  });
});
