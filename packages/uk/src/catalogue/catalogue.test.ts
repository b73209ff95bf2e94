import { FrameworkSchema } from '@commonweal/core/framework';
import { dec, roundMoney } from '@commonweal/core/money';
import { describe, expect, it } from 'vitest';
import { socialValueModel2020, socialValueModel2025 } from '../social-value-model/social-value-model';
import { openCatalogue } from './catalogue';

/** Every `licence` string anywhere in a value (frameworks, proxies, provenance). */
function licences(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) licences(v, out);
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if ((k === 'licence' || k === 'license') && typeof v === 'string') out.push(v);
      else licences(v, out);
    }
  }
  return out;
}

/** Licences with a NonCommercial or NoDerivatives term (CC BY-NC-ND 4.0, as National TOMs and HACT use). */
function restricted(value: unknown): string[] {
  return licences(value).filter((l) => /(^|[^A-Z])(NC|ND)([^A-Z]|$)/.test(l.toUpperCase()));
}

const measure = (code: string) => {
  const m = openCatalogue.measures.find((x) => x.code === code);
  if (!m) throw new Error(`no measure ${code}`);
  return m;
};

describe('openCatalogue', () => {
  it('is a valid Framework in GBP (FrameworkSchema.parse at load; JSON round trip re-validates)', () => {
    expect(openCatalogue.currency).toBe('GBP');
    const again = FrameworkSchema.parse(JSON.parse(JSON.stringify(openCatalogue)));
    expect(again).toEqual(openCatalogue);
  });

  it('has unique codes and every measure points at a theme and outcome it defines', () => {
    const themes = new Set(openCatalogue.themes.map((t) => t.id));
    const outcomes = new Set(openCatalogue.outcomes.map((o) => o.id));
    expect(new Set(openCatalogue.measures.map((m) => m.code)).size).toBe(openCatalogue.measures.length);
    for (const o of openCatalogue.outcomes) expect(themes.has(o.theme)).toBe(true);
    for (const m of openCatalogue.measures) {
      expect(themes.has(m.theme), m.code).toBe(true);
      expect(m.outcome && outcomes.has(m.outcome), m.code).toBe(true);
    }
  });

  it('bundles no National TOMs or HACT values: no licence with NC or ND anywhere', () => {
    expect(licences(openCatalogue).length).toBeGreaterThan(0);
    expect(restricted(openCatalogue)).toEqual([]);
    // nor in the other bundled frameworks
    expect(restricted(socialValueModel2020)).toEqual([]);
    expect(restricted(socialValueModel2025)).toEqual([]);
    const text = JSON.stringify(openCatalogue.measures.map((m) => m.proxy?.source ?? null));
    expect(text).not.toMatch(/Social Value Portal|National TOMs|HACT|Social Value Bank/i);
  });

  it('the licence scan would catch a CC BY-NC-ND table (the check can fail)', () => {
    const tainted = JSON.parse(JSON.stringify(openCatalogue));
    tainted.measures[0].proxy.source.licence = 'CC-BY-NC-ND-4.0';
    expect(restricted(tainted)).toEqual(['CC-BY-NC-ND-4.0']);
    expect(restricted({ licence: 'CC BY-NC 4.0' })).toEqual(['CC BY-NC 4.0']);
    expect(restricted({ licence: 'Apache-2.0 AND OGL-UK-3.0' })).toEqual([]);
  });

  it('values only with OGL v3.0 proxies, each with source, edition, price year and low/high', () => {
    const valued = openCatalogue.measures.filter((m) => m.proxy);
    expect(valued.length).toBeGreaterThan(0);
    for (const m of valued) {
      const p = m.proxy!;
      expect(p.source.licence, m.code).toBe('OGL-UK-3.0');
      expect(p.source.edition, m.code).toBeTruthy();
      expect(p.source.publisher, m.code).toBeTruthy();
      expect(p.low && p.high, m.code).toBeTruthy();
      expect(p.low!.lte(p.value) && p.value.lte(p.high!), m.code).toBe(true);
    }
  });

  it('WELLBY: £13,000 per WELLBY, 2019 prices, £10,000–£16,000 (HMT July 2021); 0.2 × £13,000 = £2,600', () => {
    const p = measure('OC-WELLBY').proxy!;
    expect([p.value, p.low, p.high].map((d) => d?.toString())).toEqual(['13000', '10000', '16000']);
    expect(p.priceYear).toBe(2019);
    expect(p.source.edition).toBe('July 2021');
    expect(roundMoney(dec('0.2').times(p.value))).toBe('2600.00');
  });

  it('carbon: emissions avoided in 2025 valued at DESNZ central £273.06 (low 136.53, high 409.60), 2022 prices', () => {
    const m = measure('OC-GHG-2025');
    const p = m.proxy!;
    expect([p.value, p.low, p.high].map((d) => roundMoney(d!))).toEqual(['273.06', '136.53', '409.60']);
    expect(p.priceYear).toBe(2022);
    expect(p.source.edition).toContain('November 2023, Table 3');
    expect(m.unit).toBe('tCO2e');
    expect(m.allowNegative).toBe(true);
    expect(m.description).toContain('£273.06');
    expect(roundMoney(measure('OC-GHG-2030').proxy!.value)).toBe('294.50');
    expect(openCatalogue.measures.filter((x) => x.code.startsWith('OC-GHG-')).map((x) => x.code)).toEqual([
      'OC-GHG-2024',
      'OC-GHG-2025',
      'OC-GHG-2026',
      'OC-GHG-2027',
      'OC-GHG-2028',
      'OC-GHG-2029',
      'OC-GHG-2030',
    ]);
  });

  it('record-only measures carry no proxy and say users bring their own licensed proxies', () => {
    const expected: [string, string, 'perYear' | 'firstYearOnly'][] = [
      ['OC-LOCAL-FTE', 'FTE', 'perYear'],
      ['OC-DISADVANTAGED-HIRES', 'people', 'firstYearOnly'],
      ['OC-APPRENTICESHIP-WEEKS', 'weeks', 'perYear'],
      ['OC-VOLUNTEERING-HOURS', 'hours', 'perYear'],
      ['OC-LOCAL-SPEND', 'GBP', 'perYear'],
    ];
    for (const [code, unit, rule] of expected) {
      const m = measure(code);
      expect(m.proxy, code).toBeNull();
      expect(m.unit, code).toBe(unit);
      expect(m.countingRule, code).toBe(rule);
      expect(m.description, code).toMatch(/Record-only/);
      expect(m.description, code).toMatch(/own licensed/);
    }
    expect(measure('OC-LOCAL-FTE').localOnly).toBe(true);
    expect(measure('OC-LOCAL-SPEND').localOnly).toBe(true);
  });
});
