import { describe, expect, it } from 'vitest';
import { testFrameworkInput } from '../valuation/fixtures';
import { type FrameworkInput, FrameworkSchema, type MeasureInput } from './schema';
import { checkFramework, measureIndex, validateFramework } from './validate';

const source = { title: 'Hand-made test proxy (not a published value)', licence: 'CC0-1.0' };
const proxy = (value: string, extra: Record<string, string> = {}) => ({
  value,
  currency: 'GBP',
  priceYear: 2024,
  basis: 'per unit',
  source,
  ...extra,
});

function withMeasures(...measures: MeasureInput[]): FrameworkInput {
  return { ...testFrameworkInput, measures: [...testFrameworkInput.measures, ...measures] };
}

describe('validateFramework', () => {
  it('accepts a consistent framework, record-only measures included', () => {
    const r = validateFramework(testFrameworkInput);
    expect(r.ok).toBe(true);
    expect(r.ok && r.value.measures.find((m) => m.code === 'REC')?.proxy).toBeNull();
  });

  it('reports schema problems with their paths', () => {
    const r = validateFramework(
      withMeasures({ code: 'BAD', title: 'Bad', theme: 'jobs', unit: 'u', proxy: proxy('ten') }),
      {
        file: 'framework.json',
      },
    );
    expect(r.ok).toBe(false);
    expect(r.issues[0]).toMatchObject({ path: ['measures', 7, 'proxy', 'value'], file: 'framework.json' });
  });

  it('finds duplicate ids and codes', () => {
    const input: FrameworkInput = {
      ...withMeasures({ code: 'FTE', title: 'Again', theme: 'jobs', unit: 'FTE' }),
      themes: [...testFrameworkInput.themes, { id: 'jobs', title: 'Jobs again' }],
      outcomes: [
        ...(testFrameworkInput.outcomes ?? []),
        { id: 'wellbeing', theme: 'social', title: 'Again' },
      ],
    };
    const r = validateFramework(input);
    expect(r.issues.map((i) => [i.code, i.path])).toEqual([
      ['duplicate_theme', ['themes', 3, 'id']],
      ['duplicate_outcome', ['outcomes', 2, 'id']],
      ['duplicate_measure', ['measures', 7, 'code']],
    ]);
  });

  it('themes and outcomes must resolve, and a measure sits in its outcome theme', () => {
    const input: FrameworkInput = {
      ...withMeasures(
        { code: 'A', title: 'A', theme: 'nowhere', unit: 'u' },
        { code: 'B', title: 'B', theme: 'jobs', outcome: 'nothing', unit: 'u' },
        { code: 'C', title: 'C', theme: 'jobs', outcome: 'wellbeing', unit: 'u' },
      ),
      outcomes: [...(testFrameworkInput.outcomes ?? []), { id: 'orphan', theme: 'missing', title: 'Orphan' }],
    };
    const r = validateFramework(input);
    expect(r.issues.map((i) => [i.code, i.path])).toEqual([
      ['unknown_theme', ['outcomes', 2, 'theme']],
      ['unknown_theme', ['measures', 7, 'theme']],
      ['unknown_outcome', ['measures', 8, 'outcome']],
      ['outcome_theme_mismatch', ['measures', 9, 'theme']],
    ]);
  });

  it('proxies: currency, sign, low ≤ value ≤ high', () => {
    const r = validateFramework(
      withMeasures(
        { code: 'EUR', title: 'E', theme: 'jobs', unit: 'u', proxy: { ...proxy('1'), currency: 'EUR' } },
        { code: 'NEG', title: 'N', theme: 'jobs', unit: 'u', proxy: proxy('-5') },
        { code: 'NEGOK', title: 'N', theme: 'jobs', unit: 'u', proxy: proxy('-5'), allowNegative: true },
        { code: 'LOW', title: 'L', theme: 'jobs', unit: 'u', proxy: proxy('10', { low: '12' }) },
        { code: 'HIGH', title: 'H', theme: 'jobs', unit: 'u', proxy: proxy('10', { high: '9' }) },
        {
          code: 'RANGE',
          title: 'R',
          theme: 'jobs',
          unit: 'u',
          proxy: proxy('10', { low: '10', high: '10' }),
        },
      ),
    );
    expect(r.issues.map((i) => [i.code, i.path?.slice(1)])).toEqual([
      ['proxy_currency_mismatch', [7, 'proxy', 'currency']],
      ['negative_proxy', [8, 'proxy', 'value']],
      ['proxy_range', [10, 'proxy', 'low']],
      ['proxy_range', [11, 'proxy', 'high']],
    ]);
  });

  it('exclusiveWith must name other measures of the framework', () => {
    const r = validateFramework(
      withMeasures({ code: 'X', title: 'X', theme: 'jobs', unit: 'u', exclusiveWith: ['X', 'FTE', 'NT404'] }),
    );
    expect(r.issues.map((i) => [i.code, i.path])).toEqual([
      ['exclusive_self', ['measures', 7, 'exclusiveWith', 0]],
      ['unknown_exclusive', ['measures', 7, 'exclusiveWith', 2]],
    ]);
  });

  it('checkFramework prefixes paths; measureIndex maps codes to measures', () => {
    const fw = FrameworkSchema.parse(withMeasures({ code: 'A', title: 'A', theme: 'nowhere', unit: 'u' }));
    expect(checkFramework(fw, { path: ['framework'] })[0]?.path).toEqual([
      'framework',
      'measures',
      7,
      'theme',
    ]);
    const index = measureIndex(fw);
    expect(index.get('FTE')?.unit).toBe('FTE');
    expect(index.size).toBe(8);
  });
});
