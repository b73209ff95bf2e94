import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { dec } from '../money/decimal';
import { Lm3JsonSchema, Lm3RecipientSchema, Lm3RoundsSchema } from './lm3';
import { PriorityRowSchema } from './priorities';
import { SpendOptionsSchema, SpendRowSchema } from './spend';
import { SpendJsonSchema } from './spend-json';
import { SupplierRecordSchema } from './supplier';

describe('schemas are the types, and publishable as JSON Schema', () => {
  it.each([
    ['SpendRowSchema', SpendRowSchema],
    ['SpendOptionsSchema', SpendOptionsSchema],
    ['SupplierRecordSchema', SupplierRecordSchema],
    ['Lm3RecipientSchema', Lm3RecipientSchema],
    ['Lm3RoundsSchema', Lm3RoundsSchema],
    ['PriorityRowSchema', PriorityRowSchema],
  ] as const)('%s (input side)', (_, schema) => {
    expect(() => z.toJSONSchema(schema, { io: 'input' })).not.toThrow();
  });

  it.each([
    ['SpendJsonSchema', SpendJsonSchema],
    ['Lm3JsonSchema', Lm3JsonSchema],
  ] as const)('%s (output contract)', (_, schema) => {
    expect(() => z.toJSONSchema(schema)).not.toThrow();
  });

  it('a spend amount may be a string, a number or a Decimal; never a float artefact in arithmetic', () => {
    for (const amount of ['0.1', 0.1, dec('0.1')]) {
      const r = SpendRowSchema.parse({ date: '2024-04-01', supplierName: 'X', amount });
      expect(r.amount.plus('0.2').toString()).toBe('0.3');
    }
    expect(
      SpendRowSchema.safeParse({ date: '2024-04-01', supplierName: 'X', amount: Number.NaN }).success,
    ).toBe(false);
  });
});
