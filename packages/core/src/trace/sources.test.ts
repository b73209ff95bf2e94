import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Provenance } from './provenance';
import { createSourceIndex, plainSource, sourceId } from './sources';

const greenBook: Provenance = {
  title: 'The Green Book: Central Government Guidance on Appraisal and Evaluation',
  publisher: 'HM Treasury',
  edition: '2022, Annex A6 (Discounting)',
  licence: 'OGL-UK-3.0',
};

describe('sources written once, referred to by id', () => {
  it('derives the id from the content: the same source has the same id, key order and absent fields aside', () => {
    const id = sourceId(greenBook);
    expect(id).toMatch(/^src-[0-9a-f]{12}$/);
    const reordered = {
      licence: 'OGL-UK-3.0',
      edition: greenBook.edition,
      publisher: 'HM Treasury',
      title: greenBook.title,
      url: undefined,
    };
    expect(sourceId(reordered as Provenance)).toBe(id);
    expect(sourceId({ ...greenBook, edition: '2020' })).not.toBe(id);
  });

  it('drops absent fields and sorts keys', () => {
    expect(Object.keys(plainSource({ title: 'T', licence: 'L', url: undefined, priceYear: 2024 }))).toEqual([
      'licence',
      'priceYear',
      'title',
    ]);
  });

  it('holds each source once however often it is cited', () => {
    const index = createSourceIndex();
    const a = index.add(greenBook);
    for (let i = 0; i < 100; i++) expect(index.add({ ...greenBook })).toBe(a);
    index.add({ title: 'Wellbeing Guidance for Appraisal', licence: 'OGL-UK-3.0', priceYear: 2019 });
    const all = index.sources();
    expect(Object.keys(all)).toHaveLength(2);
    expect(Object.keys(all)).toEqual([...Object.keys(all)].sort());
    expect(all[a]).toEqual(plainSource(greenBook));
  });

  it('gives distinct sources distinct ids (property)', () => {
    const arb = fc.record({ title: fc.string({ minLength: 1 }), licence: fc.string({ minLength: 1 }) });
    fc.assert(
      fc.property(arb, arb, (x, y) => {
        const same = x.title === y.title && x.licence === y.licence;
        expect(sourceId(x) === sourceId(y)).toBe(same);
      }),
    );
  });
});
