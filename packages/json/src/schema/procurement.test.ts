import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import { jsonSchema, schemaNames } from './index';
import { PROCUREMENT_SCHEMAS } from './procurement';

describe('procurement schemas', () => {
  it('are registered with the built-ins', () => {
    expect(schemaNames()).toEqual(expect.arrayContaining(PROCUREMENT_SCHEMAS.map((s) => s.name)));
  });

  it.each(PROCUREMENT_SCHEMAS.map((s) => s.name))('%s exports a JSON Schema that ajv compiles', (name) => {
    const ajv = new Ajv2020({ strict: false });
    expect(() => ajv.compile(jsonSchema(name))).not.toThrow();
  });

  it('evaluation-model accepts the published example shape and refuses a misspelt property', () => {
    const ajv = new Ajv2020({ strict: false });
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
  });
});
