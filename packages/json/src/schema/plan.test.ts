import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import { PLAN_SCHEMAS } from './plan';
import { jsonSchema, schemaNames } from './registry';

describe('portfolio and plan schemas', () => {
  it('are registered and export JSON Schemas ajv compiles', () => {
    const ajv = new Ajv2020({ strict: false, validateFormats: false });
    for (const info of PLAN_SCHEMAS) {
      expect(schemaNames()).toContain(info.name);
      expect(() => ajv.compile(jsonSchema(info.name)), info.name).not.toThrow();
    }
  });

  it('accepts the example plan and refuses one without objectives', () => {
    const ajv = new Ajv2020({ strict: false, validateFormats: false });
    const validate = ajv.compile(jsonSchema('plan'));
    const plan = JSON.parse(
      readFileSync(new URL('../../../../examples/plan/plan.json', import.meta.url), 'utf8'),
    );
    expect(validate(plan), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...plan, objectives: [] })).toBe(false);
    expect(validate({ ...plan, format: 'commonweal.plan.v0' })).toBe(false);
  });
});
