import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import { ECONOMY_SCHEMAS } from './economy';
import { jsonSchema, schemaNames } from './registry';

describe('economy schemas', () => {
  it('are registered and export JSON Schemas ajv compiles', () => {
    const ajv = new Ajv2020({ strict: false, validateFormats: false });
    for (const info of ECONOMY_SCHEMAS) {
      expect(schemaNames()).toContain(info.name);
      const s = jsonSchema(info.name);
      expect(s.title).toBe(`Commonweal ${info.name}`);
      expect(() => ajv.compile(s), info.name).not.toThrow();
    }
  });

  it('lets a supplier register file through and stops a misspelt flag', () => {
    const ajv = new Ajv2020({ strict: false, validateFormats: false });
    const validate = ajv.compile(jsonSchema('supplier-register'));
    expect(
      validate([{ supplierId: 'S1', supplierName: 'Exe Bakers Ltd', postcode: 'EX1 2AB', sme: true }]),
    ).toBe(true);
    expect(validate([{ supplierId: 'S1' }])).toBe(false);
  });

  it('checks the lm3 output contract', () => {
    const ajv = new Ajv2020({ strict: false, validateFormats: false });
    const validate = ajv.compile(jsonSchema('lm3-output'));
    const out = {
      lm3: '1.6',
      lm3Rounded: '1.60',
      status: 'complete',
      label: 'LM3',
      rounds: {
        round1: { amount: '100' },
        round2: { amount: '40', suppliers: '40', staff: '0' },
        round3: { amount: '20', surveyed: '20', extrapolated: '0', missing: [], unsurveyedRound2: '0' },
      },
      issues: [],
    };
    expect(validate(out)).toBe(true);
    expect(validate({ ...out, status: 'done' })).toBe(false);
  });
});
