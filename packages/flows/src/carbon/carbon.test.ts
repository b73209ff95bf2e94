import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dec, roundMoney } from '@commonweal/core/money';
import { hashInputs } from '@commonweal/json';
import { carbonValues } from '@commonweal/uk';
import { describe, expect, it } from 'vitest';
import { documentText } from '../document/document';
import { carbonFlow } from './carbon';

const FILE = fileURLToPath(new URL('../../../../examples/carbon/emissions.csv', import.meta.url));
const text = readFileSync(FILE, 'utf8');

describe('carbonFlow on the example contract (examples/carbon)', () => {
  it('values 2025–2030 at DESNZ central values, Green Book 3.5 %: PV £78,036.73', async () => {
    const r = await carbonFlow({ emissions: { name: 'emissions.csv', text } });
    if (!r.ok) throw new Error(r.headline);
    expect(roundMoney(r.valuation?.totals.presentValue.value ?? dec(0))).toBe('78036.73');
    expect(r.document?.totals.undiscounted).toBe('80099.85');
    expect(r.counts).toEqual({ read: 6, accepted: 6, rejected: 0 });
    expect(r.sha256).toBe(
      hashInputs(text, carbonValues.id, {
        scenario: 'central',
        baseYear: null,
        priceYear: 2022,
        discounting: 'green-book',
        socialValuePV: null,
      }),
    );
    expect(r.document?.inputs.sha256).toBe(r.sha256);
  });

  it('the same text as bytes gives the same document bytes', async () => {
    const a = await carbonFlow({ emissions: { name: 'e.csv', text } });
    const b = await carbonFlow({ emissions: { name: 'e.csv', text: new TextEncoder().encode(text) } });
    if (!a.ok || !b.ok) throw new Error('flow failed');
    expect(documentText(b.document)).toBe(documentText(a.document));
  });

  it('net social value within limits: 250,000 − 78,036.73 = 171,963.27', async () => {
    const r = await carbonFlow({ emissions: { name: 'e.csv', text }, socialValuePV: dec(250000) });
    if (!r.ok) throw new Error(r.headline);
    expect(roundMoney(dec(r.document?.netSocialValue?.net ?? '0'))).toBe('171963.27');
  });

  it('a year the values do not cover is rejected with its line; read = accepted + rejected', async () => {
    const r = await carbonFlow({ emissions: { name: 'e.csv', text: 'year,tco2e\n2025,10\n2019,5\n' } });
    if (!r.ok) throw new Error(r.headline);
    expect(r.counts).toEqual({ read: 2, accepted: 1, rejected: 1 });
    expect(r.issues.map((i) => [i.code, i.file, i.line])).toEqual([['carbon_year_not_covered', 'e.csv', 3]]);
  });

  it('an input that is not an emissions table fails with located issues, no throw', async () => {
    const r = await carbonFlow({ emissions: { name: 'bids.csv', text: 'bid,price\nB1,100\n' } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.headline).toBe('bids.csv cannot be read as an emissions table (year,tco2e)');
    expect(r.issues.map((i) => i.code)).toContain('missing_column');
  });
});
