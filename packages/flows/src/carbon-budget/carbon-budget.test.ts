import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PlaceBudgetJsonSchema } from '@commonweal/core/limits';
import { dec } from '@commonweal/core/money';
import { hashInputs } from '@commonweal/json';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { documentText } from '../document/document';
import { carbonBudgetFlow } from './carbon-budget';

const read = (f: string) =>
  readFileSync(fileURLToPath(new URL(`../../../../examples/carbon/${f}`, import.meta.url)), 'utf8');
const budget = { name: 'place-budget.json', text: read('place-budget.json') };
const emissions = { name: 'place-emissions.csv', text: read('place-emissions.csv') };

describe('carbonBudgetFlow on the example place (examples/carbon, constructed)', () => {
  it('4,200 kt less 2,421 kt used leaves 1,779 kt; 571 ÷ 1,779 = 32.1 % a year needed; flat, used up in 2027', async () => {
    const r = await carbonBudgetFlow({ budget, emissions });
    if (!r.ok) throw new Error(r.headline);
    const s = r.document.summary;
    expect(s.used.value).toBe('2421');
    expect(s.remaining.value).toBe('1779');
    expect(dec(s.requiredRate?.value ?? '0').toFixed(6)).toBe(dec(571).dividedBy(1779).toFixed(6));
    expect(s.atCurrentEmissions.exhaustedIn).toBe(2027);
    expect(r.document.years.map((y) => y.status)).toEqual(['over', 'over', 'over', 'over']);
    expect(r.counts).toEqual({ read: 4, accepted: 4, rejected: 0 });
    expect(PlaceBudgetJsonSchema.safeParse(JSON.parse(documentText(r.document))).success).toBe(true);
    expect(r.sha256).toBe(
      hashInputs({ budget: budget.text, emissions: emissions.text, options: { emissionsUnit: 'ktCO2' } }),
    );
  });

  it('converts the emissions unit exactly: the same tonnes in tCO2 give the same check', async () => {
    const inT = {
      name: 't.csv',
      text: 'year,emissions\n2020,612000\n2021,640000\n2022,598000\n2023,571000\n',
    };
    const a = await carbonBudgetFlow({ budget, emissions });
    const b = await carbonBudgetFlow({ budget, emissions: inT, emissionsUnit: 'tCO2' });
    if (!a.ok || !b.ok) throw new Error('flow failed');
    expect(b.document.summary).toEqual(a.document.summary);
  });

  it('rejects negative years and years outside the period with their lines; read = accepted + rejected', async () => {
    const r = await carbonBudgetFlow({
      budget,
      emissions: { name: 'e.csv', text: 'year,emissions\n2019,3\n2020,-5\n2021,abc\n2022,500\n' },
    });
    if (!r.ok) throw new Error(r.headline);
    expect(r.counts).toEqual({ read: 4, accepted: 1, rejected: 3 });
    expect(r.issues.filter((i) => i.line).map((i) => [i.code, i.line, i.column])).toEqual([
      ['year_outside_budget', 2, 1],
      ['negative_emissions', 3, 2],
      ['not_a_number', 4, 2],
    ]);
  });

  it('an unusable budget fails with located issues, never a throw', async () => {
    const r = await carbonBudgetFlow({
      budget: {
        name: 'b.json',
        text: '{\n  "place": "X",\n  "budget": { "total": "-1", "fromYear": 2020, "toYear": 2100, "unit": "kt" }\n}\n',
      },
      emissions,
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.headline).toBe('the carbon budget b.json cannot be used');
    expect(r.issues.every((i) => i.file === 'b.json' && (i.line ?? 0) >= 1)).toBe(true);
  });

  it('property: the required rate keeps the required pathway within what remains', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 400 }), { minLength: 1, maxLength: 6 }),
        async (xs) => {
          const text = `year,emissions\n${xs.map((x, i) => `${2020 + i},${x}`).join('\n')}\n`;
          const r = await carbonBudgetFlow({ budget, emissions: { name: 'e.csv', text } });
          if (!r.ok) throw new Error(r.headline);
          const s = r.document.summary;
          const last = r.document.requiredPathway.at(-1);
          if (s.requiredRate && last) expect(dec(last.cumulative).lte(dec(s.remaining.value))).toBe(true);
          expect(dec(s.used.value).plus(s.remaining.value).toString()).toBe('4200');
        },
      ),
      { numRuns: 30 },
    );
  });
});
