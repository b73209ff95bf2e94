import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import { jsonSchema, schemaNames } from './index';
import { PROCUREMENT_SCHEMAS } from './procurement';

/** JSON Schema's `date` format (RFC 3339 full-date, a real calendar day), so ajv checks it. */
const isDate = (s: string): boolean => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
};
const newAjv = () => new Ajv2020({ strict: false }).addFormat('date', isDate);

describe('procurement schemas', () => {
  it('are registered with the built-ins', () => {
    expect(schemaNames()).toEqual(expect.arrayContaining(PROCUREMENT_SCHEMAS.map((s) => s.name)));
  });

  it.each(PROCUREMENT_SCHEMAS.map((s) => s.name))('%s exports a JSON Schema that ajv compiles', (name) => {
    const ajv = newAjv();
    expect(() => ajv.compile(jsonSchema(name))).not.toThrow();
  });

  it('evaluation-model accepts the published example shape and refuses a misspelt property', () => {
    const ajv = newAjv();
    const validate = ajv.compile(jsonSchema('evaluation-model'));
    const model = {
      id: 'T1',
      title: 'Home care',
      currency: 'GBP',
      criteria: [
        { id: 'price', title: 'Price', weight: '40', type: 'price', method: 'lowest-ratio' },
        {
          id: 'quality',
          title: 'Quality',
          weight: 60,
          type: 'group',
          criteria: [
            {
              id: 'q1',
              title: 'Continuity',
              weight: 100,
              type: 'quality',
              scale: {
                levels: [
                  { score: 0, label: 'Unacceptable' },
                  { score: 4, label: 'Excellent' },
                ],
              },
            },
          ],
        },
        { id: 'cqc', title: 'CQC registration', type: 'pass-fail' },
      ],
    };
    expect(validate(model)).toBe(true);
    expect(validate({ ...model, critera: [] })).toBe(false);
    // `published.date` is a real calendar day (the date format is registered, not ignored).
    const published = (date: string) => ({ ...model, published: { date, weights: { price: '40' } } });
    expect(validate(published('2026-02-28'))).toBe(true);
    expect(validate(published('2026-02-30'))).toBe(false);
  });
});
