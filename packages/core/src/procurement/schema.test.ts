import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseEvaluationInput } from './evaluate';
import { EvaluationJsonSchema } from './json';
import { validateModel } from './model';
import {
  BidSchema,
  EvaluationInputSchema,
  EvaluationModelSchema,
  GateSchema,
  ModerationSchema,
  ScoreSchema,
} from './schema';

describe('schemas', () => {
  it('publish as JSON Schema (input side), with the recursive criterion as a definition', () => {
    const model = z.toJSONSchema(EvaluationModelSchema, { io: 'input' }) as {
      $defs?: Record<string, unknown>;
      required?: string[];
    };
    expect(model.required).toEqual(['id', 'title', 'currency', 'criteria']);
    expect(Object.keys(model.$defs ?? {})).toContain('Criterion');
    for (const s of [
      BidSchema,
      ScoreSchema,
      GateSchema,
      ModerationSchema,
      EvaluationInputSchema,
      EvaluationJsonSchema,
    ]) {
      expect(() => z.toJSONSchema(s, { io: 'input' })).not.toThrow();
    }
  });

  it('valuation options carry a price year and an index series (JSON Schema and parsing)', () => {
    const json = z.toJSONSchema(EvaluationInputSchema, { io: 'input' }) as unknown as {
      properties: { valuation: { properties: Record<string, { required?: string[] }> } };
    };
    const v = json.properties.valuation.properties;
    expect(Object.keys(v).sort()).toEqual([
      'baseYear',
      'discounting',
      'firstPeriodDiscounted',
      'indexSeries',
      'priceYear',
    ]);
    expect(v.indexSeries?.required).toEqual(['id', 'name', 'baseYear', 'values', 'source']);
    const r = parseEvaluationInput({
      model: {
        id: 'T',
        title: 'T',
        currency: 'GBP',
        criteria: [{ id: 'p', title: 'P', weight: 100, type: 'price', method: 'spread' }],
      },
      bids: [{ bid: 'A', bidder: 'Acme', price: '100' }],
      valuation: {
        priceYear: 2024,
        discounting: null,
        indexSeries: {
          id: 'd',
          name: 'Deflator',
          baseYear: 2024,
          values: { '2022': 'ninety' },
          source: { title: 'T', licence: 'OGL-UK-3.0' },
        },
      },
    });
    expect(r.ok).toBe(false);
    expect(r.issues.map((i) => i.path)).toEqual([['valuation', 'indexSeries', 'values', '2022']]);
  });

  it('reads weights and prices as decimals, never floats', () => {
    const r = validateModel({
      id: 'T',
      title: 'T',
      currency: 'GBP',
      criteria: [
        { id: 'a', title: 'A', weight: 0.1, type: 'quality', scale: { max: 1 } },
        { id: 'b', title: 'B', weight: 0.2, type: 'quality', scale: { max: 1 } },
        { id: 'c', title: 'C', weight: '99.7', type: 'price', method: 'lowest-ratio' },
      ],
    });
    // 0.1 + 0.2 + 99.7 is exactly 100 in decimals (in binary floats 0.1 + 0.2 ≠ 0.3)
    expect(r.ok).toBe(true);
  });

  it('rejects unknown keys in the model (a misspelt "minimum" must not be ignored silently)', () => {
    const r = validateModel({
      id: 'T',
      title: 'T',
      currency: 'GBP',
      criteria: [{ id: 'a', title: 'A', weight: 100, type: 'quality', scale: { max: 5 }, minimun: 2 }],
    });
    expect(r.ok).toBe(false);
    expect(r.issues[0]?.code).toBe('schema_unrecognized_keys');
    expect(r.issues[0]?.path).toEqual(['criteria', 0]);
  });

  it('locates bad rows of a whole evaluation input', () => {
    const r = parseEvaluationInput({
      model: {
        id: 'T',
        title: 'T',
        currency: 'GBP',
        criteria: [{ id: 'p', title: 'P', weight: 100, type: 'price', method: 'spread' }],
      },
      bids: [{ bid: 'A', bidder: 'Acme', price: '£100' }],
      scores: [{ bid: 'A', criterion: 'p', evaluator: 'E1', score: 'high' }],
      gates: [{ bid: 'A', criterion: 'g', result: 'maybe' }],
    });
    expect(r.ok).toBe(false);
    expect(r.issues.map((i) => i.path)).toEqual([
      ['bids', 0, 'price'],
      ['scores', 0, 'score'],
      ['gates', 0, 'result'],
    ]);
  });

  it('a model with only gates cannot rank anything', () => {
    const r = validateModel({
      id: 'T',
      title: 'Gates only',
      currency: 'GBP',
      criteria: [{ id: 'g', title: 'G', type: 'pass-fail' }],
    });
    expect(r.issues.map((i) => i.code)).toEqual(['no_scored_criteria']);
  });
});
