import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ocdsFlow } from './ocds';

const OCDS = fileURLToPath(new URL('../../../../examples/ocds/', import.meta.url));
const text = (name: string) => readFileSync(join(OCDS, name), 'utf8');

describe('ocdsFlow', () => {
  it('gives the files examples/ocds/contracts-finder-out holds, byte for byte', async () => {
    const r = await ocdsFlow({
      release: {
        name: 'examples/ocds/contracts-finder-award.json',
        text: text('contracts-finder-award.json'),
      },
    });
    if (!r.ok) throw new Error(r.headline);
    const out = (f: string) => text(`contracts-finder-out/${f}`);
    expect(r.suppliers).toBe(out('suppliers.csv'));
    expect(r.awards).toBe(out('awards.csv'));
    expect(r.contract).toBe(out('contract.json'));
    expect(r.imported).toMatch(/^imported from examples\/ocds\/contracts-finder-award\.json/);
  });

  it('one model per lot for Find a Tender; a file that is not OCDS fails with a headline', async () => {
    const r = await ocdsFlow({ release: { name: 'fts.json', text: text('find-a-tender-award.json') } });
    if (!r.ok) throw new Error(r.headline);
    expect(r.lots.length).toBeGreaterThan(1);
    expect(r.lots.every((l) => l.model === null || JSON.parse(l.model).criteria.length > 0)).toBe(true);
    const bad = await ocdsFlow({ release: { name: 'x.json', text: '{"a":1}' } });
    expect(bad.ok).toBe(false);
    if (!bad.ok)
      expect([bad.headline, bad.issues[0]?.code]).toEqual(['x.json cannot be read as OCDS', 'not_ocds']);
  });
});
