import { describe, expect, it } from 'vitest';
import { readMeasuresCsv, slugId } from './measures';

const HEADER = 'code,title,theme,outcome,unit,proxy_value,price_year,currency,counting_rule,source,licence';

// Proxy values below are [CONSTRUCTED] test inputs, not published TOMs figures.
const GOOD = [
  HEADER + ',proxy_low,proxy_high,deadweight,drop_off,duration,allow_negative,publisher,edition',
  'J1,Local FTE employed,Jobs,More local people in employment,FTE,1000.50,2023,GBP,perYear,Test source,CC-BY-4.0,900,1100,20%,0.1,3,no,Test publisher,2023',
  'J2,Disadvantaged hires,Jobs,More local people in employment,people,2000,2023,gbp,First year only,Test source,CC-BY-4.0,,,,,,,,',
  'J3,% of local people employed,Jobs,,%,,,,,,,,,,,,,,',
  'E1,Tonnes CO2e saved,Fighting climate change,Carbon,tCO2e,50,2023,GBP,,Test source,CC-BY-4.0,,,,,,yes,,',
].join('\n');

describe('readMeasuresCsv', () => {
  it('builds a framework: themes and outcomes from distinct names, slugged ids, record-only rows', async () => {
    const r = await readMeasuresCsv(GOOD, { id: 'test', title: 'Test framework', file: 'measures.csv' });
    expect(r.issues).toEqual([]);
    if (!r.ok) throw new Error('expected ok');
    const fw = r.value;
    expect(fw.currency).toBe('GBP');
    expect(fw.themes).toEqual([
      { id: 'jobs', title: 'Jobs' },
      { id: 'fighting-climate-change', title: 'Fighting climate change' },
    ]);
    expect(fw.outcomes).toEqual([
      { id: 'more-local-people-in-employment', theme: 'jobs', title: 'More local people in employment' },
      { id: 'carbon', theme: 'fighting-climate-change', title: 'Carbon' },
    ]);
    const [j1, j2, j3, e1] = fw.measures;
    expect(j1!.proxy!.value.toString()).toBe('1000.5');
    expect(j1!.proxy!.low!.toString()).toBe('900');
    expect(j1!.proxy!.basis).toBe('per FTE');
    expect(j1!.proxy!.source).toEqual({
      title: 'Test source',
      licence: 'CC-BY-4.0',
      priceYear: 2023,
      publisher: 'Test publisher',
      edition: '2023',
    });
    expect(j1!.defaults!.deadweight!.toString()).toBe('0.2');
    expect(j1!.defaults!.dropOff!.toString()).toBe('0.1');
    expect(j1!.defaults!.duration).toBe(3);
    expect(j1!.allowNegative).toBe(false);
    expect(j2!.countingRule).toBe('firstYearOnly');
    expect(j2!.proxy!.currency).toBe('GBP');
    expect(j3!.proxy).toBeNull();
    expect(j3!.outcome).toBeUndefined();
    expect(e1!.countingRule).toBe('perYear');
    expect(e1!.theme).toBe('fighting-climate-change');
  });

  it('needs price year, currency, source and licence for a proxy, located per missing cell', async () => {
    const text = `${HEADER}\nJ1,Local FTE,Jobs,,FTE,100,,GBP,,,CC-BY-4.0\n`;
    const r = await readMeasuresCsv(text);
    expect(r.ok).toBe(false);
    expect(r.issues.map((i) => [i.code, i.line, i.column, i.field])).toEqual([
      ['proxy_incomplete', 2, 7, 'price_year'],
      ['proxy_incomplete', 2, 10, 'source'],
    ]);
  });

  it('requires every canonical column, so a misspelt proxy_value cannot make measures record-only', async () => {
    const r = await readMeasuresCsv(
      HEADER.replace('proxy_value', 'proxy_vaule') + '\nJ1,x,Jobs,,FTE,100,2023,GBP,,s,l\n',
    );
    expect(r.issues.map((i) => i.code)).toEqual(['missing_column']);
    expect(r.issues[0]!.field).toBe('proxy_value');
    expect(r.issues[0]!.message).toContain(
      'Headers found: "code", "title", "theme", "outcome", "unit", "proxy_vaule"',
    );
  });

  it('rejects duplicate codes, mixed currencies and bad ranges', async () => {
    const text = [
      HEADER + ',proxy_low',
      'A,a,T,,u,10,2023,GBP,,s,l,',
      'A,a again,T,,u,10,2023,GBP,,s,l,',
      'B,b,T,,u,10,2023,EUR,,s,l,',
      'C,c,T,,u,10,2023,GBP,,s,l,20',
      'D,d,T,,u,,,,,,,5',
      'E,e,T,,u,10,2023,£,,s,l,',
    ].join('\n');
    const r = await readMeasuresCsv(text, { file: 'm.csv' });
    expect(r.issues.map((i) => [i.code, i.line, i.field])).toEqual([
      ['proxy_range', 5, 'proxy_low'],
      ['proxy_range_without_value', 6, 'proxy_low'],
      ['invalid_currency', 7, 'currency'],
      ['duplicate_measure', 3, 'code'],
      ['mixed_currency', 4, 'currency'],
    ]);
    expect(r.issues.every((i) => i.file === 'm.csv')).toBe(true);
  });

  it('warns when two theme names differ only in case', async () => {
    const r = await readMeasuresCsv(`${HEADER}\nA,a,Jobs,,u,,,,,,\nB,b,JOBS,,u,,,,,,\n`);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value.themes.map((t) => t.id)).toEqual(['jobs', 'jobs-2']);
    expect(r.issues.map((i) => [i.code, i.severity, i.line])).toEqual([['similar_theme', 'warning', 3]]);
  });

  it('takes title and id from the file name by default', async () => {
    const r = await readMeasuresCsv(`${HEADER}\nA,a,Jobs,,u,,,,,,\n`, { file: 'data/Local TOMs 2024.csv' });
    expect(r.ok && [r.value.id, r.value.title]).toEqual(['local-toms-2024', 'Local TOMs 2024']);
  });

  it('slugs ids deterministically', () => {
    expect(slugId('Jobs: promote local skills & employment')).toBe('jobs-promote-local-skills-employment');
    expect(slugId('Économie locale')).toBe('economie-locale');
    expect(slugId('!!!')).toBe('item');
  });
});
