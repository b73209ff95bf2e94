import { Lm3JsonSchema } from '@commonweal/core/economy';
import { jsonSchema } from '@commonweal/json';
import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import { runCli } from '../test/harness';

const ajv = new Ajv2020({ strict: false, validateFormats: false });
const validateOutput = ajv.compile(jsonSchema('lm3-output'));
const SPEND = [
  '--spend',
  'examples/spend/spend.csv',
  '--suppliers',
  'examples/spend/suppliers.csv',
  '--local',
  'EX1,EX2,EX4',
];

describe('commonweal lm3', () => {
  it('reproduces the worked example: R1 £100, R2 £40, R3 £20 → 1.60 (economy.md §1)', async () => {
    const r = await runCli(['lm3', '--round1', '100', '--round2', '40', '--round3', '20']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('LM3 (Local Multiplier 3): 1.60');
    expect(r.stdout).toContain('Every £1 of this income is worth £1.60 to the local economy.');
    expect(r.stderr).toBe('');
    const json = await runCli([
      'lm3',
      '--round1',
      '100',
      '--round2',
      '40',
      '--round3',
      '20',
      '--format',
      'json',
    ]);
    const out = JSON.parse(json.stdout);
    expect(out).toMatchObject({ lm3: '1.6', lm3Rounded: '1.60', status: 'complete', issues: [] });
    expect(Lm3JsonSchema.safeParse(out).success).toBe(true);
    expect(validateOutput(out), JSON.stringify(validateOutput.errors)).toBe(true);
    expect(json.stdout).toBe(
      (await runCli(['lm3', '--round1', '£100', '--round2', '40.00', '--round3', '20', '--format', 'json']))
        .stdout,
    );
  });

  it('splits round 2 between suppliers and staff: (1,000,000 + 450,000 + 180,000) ÷ 1,000,000 = 1.63', async () => {
    const r = await runCli([
      'lm3',
      '--round1',
      '1000000',
      '--round2-suppliers',
      '300000',
      '--round2-staff',
      '150000',
      '--round3',
      '180000',
      '--format',
      'json',
    ]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.lm3).toBe('1.63');
    expect(out.rounds.round2).toEqual({ amount: '450000', suppliers: '300000', staff: '150000' });
  });

  it('labels a result without round 3 as partial (a lower bound), with a warning, never a silent zero', async () => {
    const r = await runCli(['lm3', '--round1', '100', '--round2', '40', '--format', 'json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ lm3: '1.4', status: 'partial', rounds: { round3: { amount: null } } });
    expect(out.issues[0]).toMatchObject({ code: 'lm3_round3_missing', severity: 'warning' });
    expect(r.stderr).toContain('lm3_round3_missing');
    expect(validateOutput(out)).toBe(true);
  });

  it('takes round 2 from a spend file and round 3 from re-spend shares', async () => {
    const r = await runCli([
      'lm3',
      '--round1',
      '500000',
      ...SPEND,
      '--supplier-respend',
      '0.4',
      '--round2-staff',
      '20000',
      '--staff-respend',
      '60%',
      '--format',
      'json',
    ]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    // R2 = 197,343.36 local supplier spend (the spend example) + 20,000 staff;
    // R3 = 0.4 × 197,343.36 + 0.6 × 20,000 = 90,937.344; LM3 = 808,280.704 ÷ 500,000.
    expect(out.rounds.round2).toEqual({ amount: '217343.36', suppliers: '197343.36', staff: '20000' });
    expect(out.rounds.round3.amount).toBe('90937.344');
    expect(out.lm3).toBe('1.616561408');
    expect(out.lm3Rounded).toBe('1.62');
    expect(out.spend).toMatchObject({
      local: { amount: '197343.36' },
      reSpendShares: { suppliers: '0.4', staff: '0.6' },
    });
    expect(validateOutput(out), JSON.stringify(validateOutput.errors)).toBe(true);
  });

  it('writes Markdown', async () => {
    const r = await runCli(['lm3', '--round1', '100', '--round2', '40', '--round3', '20', '--format', 'md']);
    expect(r.stdout).toContain('# LM3 (Local Multiplier 3)');
    expect(r.stdout).toContain('| Round 1 |');
  });

  const refused: [string, string[], string][] = [
    ['round 1 of zero', ['lm3', '--round1', '0', '--round2', '0', '--round3', '0'], 'lm3_round1_zero'],
    [
      'round 2 above round 1',
      ['lm3', '--round1', '100', '--round2', '120', '--round3', '10'],
      'lm3_round2_exceeds_round1',
    ],
    [
      'round 3 above round 2',
      ['lm3', '--round1', '100', '--round2', '40', '--round3', '50'],
      'lm3_round3_exceeds_round2',
    ],
    ['no --round1', ['lm3', '--round2', '40'], '--round1 is required'],
    ['no round 2', ['lm3', '--round1', '100'], '--round2 (or --round2-suppliers'],
    [
      'both round 2 forms',
      ['lm3', '--round1', '100', '--round2', '40', '--round2-suppliers', '30'],
      'not both',
    ],
    ['a share above 1', ['lm3', '--round1', '100', ...SPEND, '--supplier-respend', '1.5'], 'from 0 to 1'],
    [
      're-spend shares without --spend',
      ['lm3', '--round1', '100', '--round2', '40', '--supplier-respend', '0.4'],
      'go with --spend',
    ],
    [
      '--spend without a register',
      ['lm3', '--round1', '100', '--spend', 'examples/spend/spend.csv', '--local', 'EX1'],
      '--suppliers is required',
    ],
    [
      '--round3 with --spend',
      ['lm3', '--round1', '100', ...SPEND, '--round3', '5'],
      'cannot be used with --spend',
    ],
    ['a money option that is not money', ['lm3', '--round1', 'lots', '--round2', '40'], '--round1'],
  ];
  for (const [name, argv, message] of refused) {
    it(`exits 2 for ${name}`, async () => {
      const r = await runCli(argv);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(message);
      expect(r.stdout).toBe('');
    });
  }

  it('shows help with examples', async () => {
    const r = await runCli(['lm3', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('commonweal lm3 --round1 100 --round2 40 --round3 20');
  });
});
