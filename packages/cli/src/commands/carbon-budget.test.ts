import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { schemas } from '@commonweal/json';
import { describe, expect, it } from 'vitest';
import { runCli } from '../test/harness';

const B = 'examples/carbon/place-budget.json';
const E = 'examples/carbon/place-emissions.csv';

function tmp(name: string, text: string): string {
  const p = join(mkdtempSync(join(tmpdir(), 'cw-budget-')), name);
  writeFileSync(p, text);
  return p;
}

describe('commonweal carbon-budget on the example place (constructed)', () => {
  it('shows status per year, the rate needed and the year the budget runs out; exit 0', async () => {
    const r = await runCli(['carbon-budget', '--budget', B, '--emissions', E]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    // allowance 2021 = 609.0019 × 0.855 = 520.7; 640 − 520.7 = 119.3 over
    expect(r.stdout).toMatch(/2021\s+640\.0\s+520\.7\s+119\.3\s+over\s+1252\.0 \(over\)\s+2948\.0/);
    expect(r.stdout).toMatch(/Remaining\s+1779\.0 ktCO2 \(42\.4%\)/);
    expect(r.stdout).toMatch(/Reduction needed every year from 2024\s+32\.1%/);
    expect(r.stdout).toMatch(/Budget used up at 2023's emissions \(flat\)\s+2027/);
    expect(r.stdout).toMatch(/Observed trend 2020–2023\s+-2\.3% a year/);
  });

  it('JSON is valid against the registered carbon-budget-output schema, same bytes twice', async () => {
    const a = await runCli(['carbon-budget', '--budget', B, '--emissions', E, '--format', 'json']);
    const b = await runCli(['carbon-budget', '--budget', B, '--emissions', E, '--format', 'json']);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    const data = JSON.parse(a.stdout);
    expect(schemas['carbon-budget-output']?.safeParse(data).success).toBe(true);
    expect(data.summary.remaining.value).toBe('1779');
    expect(data.inputs.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('--report writes an HTML page with the pathway chart and no script', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'cw-budget-')), 'budget.html');
    const r = await runCli(['carbon-budget', '--budget', B, '--emissions', E, '--report', out]);
    expect(r.code).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('Emissions against the carbon budget pathway');
    expect(html).not.toContain('<script');
  });

  it('row issues are located and give exit 1; rows read = accepted + rejected', async () => {
    const e = tmp('e.csv', 'year,emissions\n2019,3\n2020,-5\n2021,600\n');
    const r = await runCli(['carbon-budget', '--budget', B, '--emissions', e]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${e}:2:1 year: 2019 is outside the budget period 2020–2100`);
    expect(r.stderr).toContain(`${e}:3:2 emissions: 2020: emissions of -5 are negative`);
    expect(r.stdout).toContain('3 rows read, 1 accepted, 2 rejected');
  });

  it('an unusable budget gives exit 2 with located issues; a wrong unit is a usage error', async () => {
    const b = tmp('b.json', '{ "place": "X" }\n');
    const r = await runCli(['carbon-budget', '--budget', b, '--emissions', E]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`the carbon budget ${b} cannot be used`);
    const u = await runCli(['carbon-budget', '--budget', B, '--emissions', E, '--emissions-unit', 'kg']);
    expect(u.code).toBe(2);
    expect(u.stderr).toContain('--emissions-unit must be one of tCO2, ktCO2, MtCO2');
  });
});
