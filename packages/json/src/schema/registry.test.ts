import { CommonwealError } from '@commonweal/core/issues';
import {
  DECIMAL_INPUT_PATTERN,
  DECIMAL_STRING_PATTERN,
  FRACTION_PATTERN,
  NON_NEGATIVE_PATTERN,
  PERCENTAGE_PATTERN,
} from '@commonweal/core/money';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { canonicalStringify } from '../canonical/canonical';
import { jsonSchema, registerSchema, schemaId, schemaInfo, schemaNames, schemas } from './registry';

const BUILTINS = [
  'discount-schedule',
  'entries',
  'entry',
  'framework',
  'index-series',
  'provenance',
  'valuation-options',
  'valuation-output',
];

type Json = Record<string, unknown> & {
  properties?: Record<string, Json>;
  required?: string[];
  items?: Json;
};

describe('schema registry', () => {
  it('registers the built-in schemas, sorted by name', () => {
    // the valuation formats are always there; the other areas add theirs
    expect(schemaNames()).toEqual(expect.arrayContaining(BUILTINS));
    expect(schemaNames()).toEqual([...schemaNames()].sort());
    expect(Object.keys(schemas).sort()).toEqual(schemaNames());
    expect(schemaInfo('valuation-output').io).toBe('output');
    expect(schemaInfo('framework').io).toBe('input');
  });

  it.each(schemaNames())('%s converts to JSON Schema even without the unrepresentable fallback', (name) => {
    const info = schemaInfo(name);
    expect(() => z.toJSONSchema(info.schema, { io: info.io, unrepresentable: 'throw' })).not.toThrow();
    const s = jsonSchema(name);
    expect(s.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(s.$id).toBe(`https://commonweal.dev/schema/${name}/v1.json`);
    expect(schemaId(name)).toBe(s.$id);
    expect(s.title).toBe(`Commonweal ${name}`);
    expect(typeof s.description).toBe('string');
  });

  it.each(schemaNames())('%s gives the same JSON Schema bytes every time, and a fresh object', (name) => {
    const a = jsonSchema(name);
    const text = canonicalStringify(a);
    a.title = 'changed';
    expect(canonicalStringify(jsonSchema(name))).toBe(text);
  });

  it('exports the input side for files: decimals as strings or numbers, defaults optional', () => {
    const framework = jsonSchema('framework') as Json;
    expect(framework.required).toEqual(['id', 'title', 'currency', 'themes', 'measures']);
    const measure = framework.properties?.measures?.items as Json;
    expect(measure.required).not.toContain('countingRule');
    const proxy = (measure.properties?.proxy?.anyOf as Json[] | undefined)?.[0] as Json;
    const decimal = [{ type: 'string', pattern: DECIMAL_INPUT_PATTERN }, { type: 'number' }];
    expect(proxy.properties?.value?.anyOf).toEqual(decimal);
    const entry = jsonSchema('entry') as Json;
    expect(entry.properties?.quantity?.anyOf).toEqual(decimal);
    expect(entry.properties?.deadweight?.anyOf).toEqual([
      { type: 'string', pattern: FRACTION_PATTERN },
      { type: 'number', minimum: 0, maximum: 1 },
    ]);
    expect(entry.required).toEqual(['measure', 'quantity', 'year']);
    expect((jsonSchema('entries') as Json).type).toBe('array');
  });

  it('uses one decimal pattern per side: no schema carries a decimal regex of its own', () => {
    const patterns = new Set<string>();
    for (const name of schemaNames()) {
      const text = canonicalStringify(jsonSchema(name));
      for (const m of text.matchAll(/"pattern":("(?:[^"\\]|\\.)*")/g))
        patterns.add(JSON.parse(m[1] as string));
    }
    // the other patterns are formats, not decimals: hashes, currency codes, years, dates, periods, pence
    const pence = '^-?\\d+\\.\\d{2}$';
    const decimalLike = [...patterns].filter(
      (p) => p !== pence && (p.includes('\\d+(') || p.includes('\\.\\d')),
    );
    expect(decimalLike.sort()).toEqual(
      [
        DECIMAL_INPUT_PATTERN,
        DECIMAL_STRING_PATTERN,
        FRACTION_PATTERN,
        PERCENTAGE_PATTERN,
        `^\\s*$|${NON_NEGATIVE_PATTERN}`, // survey points: a blank is no answer
      ].sort(),
    );
    expect(patterns).toContain(pence); // money in pounds and pence (spend output)
  });

  it('refuses misspelt valuation options in the JSON Schema too', () => {
    const options = jsonSchema('valuation-options') as Json;
    expect(options.additionalProperties).toBe(false);
    expect(options.required).toEqual(['discounting']);
  });

  it('exports the recursive trace of valuation-output with references, not by throwing', () => {
    const out = jsonSchema('valuation-output') as Json;
    expect(out.required).toContain('sources');
    expect(out.required).not.toContain('lines');
    expect(Object.keys(out.properties as Json)).toContain('lines');
    expect(canonicalStringify(out)).toContain('"$ref"');
  });

  it('offers other JSON Schema dialects', () => {
    expect(jsonSchema('provenance', { target: 'draft-07' }).$schema).toBe(
      'http://json-schema.org/draft-07/schema#',
    );
  });

  it('lets other packages register more schemas, and guards names', () => {
    const Place = z.object({ code: z.string() });
    registerSchema('place-test', Place, { description: 'A test place' });
    registerSchema('place-test', Place, { description: 'again: a no-op' });
    expect(schemaNames()).toContain('place-test');
    expect(schemas['place-test']).toBe(Place);
    expect(jsonSchema('place-test').description).toBe('A test place');
    expect(() => registerSchema('place-test', z.string(), { description: 'x' })).toThrow(CommonwealError);
    expect(() => registerSchema('Place Test', Place, { description: 'x' })).toThrow(/kebab-case/);
    registerSchema('place-test-v2', Place, { description: 'x', version: 2 });
    expect(jsonSchema('place-test-v2').$id).toBe('https://commonweal.dev/schema/place-test-v2/v2.json');
    expect(() => registerSchema('place-bad', Place, { description: 'x', version: 0 })).toThrow(/version/);
    expect(() => jsonSchema('nope')).toThrow(/known: .*discount-schedule/);
    expect(schemas.constructor).toBeUndefined();
  });
});
