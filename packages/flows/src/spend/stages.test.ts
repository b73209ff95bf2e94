import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sha256Hex } from '@commonweal/core/trace';
import { hashInputs } from '@commonweal/json';
import { describe, expect, it } from 'vitest';
import { FlowFatal } from '../inputs/inputs';
import {
  mergeSpendFiles,
  readRegisterStage,
  readSpendFileStage,
  spendDocument,
  spendInputsHash,
  spendSettings,
} from './stages';

const FIX = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const bytes = (name: string) => new Uint8Array(readFileSync(FIX(name)));
const input = (name: string) => ({ name, text: bytes(name) });
const MONTHS = ['spend-2024-04.csv', 'spend-2024-05.csv', 'spend-2024-06.csv'];
const settings = () => spendSettings({ local: ['EX1', 'EX2', 'EX4'], vatBasis: 'exclusive' });

async function readAll() {
  const s = settings();
  const reg = await readRegisterStage(input('suppliers.csv'), s);
  const files = [];
  for (const m of MONTHS) files.push(await readSpendFileStage(input(m), s, reg.register.register));
  return { s, reg, files };
}

describe('spendSettings (stage 1)', () => {
  it('applies the command line defaults', () => {
    const s = spendSettings({ local: ['EX1'] });
    expect([s.dateFormat, s.encoding, s.period, s.top, s.excludeRedacted]).toEqual([
      'auto',
      'auto',
      'quarter',
      20,
      false,
    ]);
    expect(s.local.entries).toEqual(['EX1']);
  });

  it('refuses a boundary that is not a postcode area, district or sector', () => {
    expect(() => spendSettings({ local: ['Exeter'] })).toThrow(FlowFatal);
    expect(() => spendSettings({ local: ['EX1'], top: -1 })).toThrow(FlowFatal);
  });
});

describe('readRegisterStage and readSpendFileStage (stages 2 and 3)', () => {
  it('reads each monthly file on its own: totals, local spend and the SHA-256 of its bytes', async () => {
    const { reg, files } = await readAll();
    expect(reg.register.register.size).toBe(6);
    expect(reg.sha256).toBe(sha256Hex(bytes('suppliers.csv')));
    expect(
      files.map((f) => [
        f.analysis.rows.read,
        f.analysis.total.amount.toFixed(2),
        f.analysis.local.amount.toFixed(2),
      ]),
    ).toEqual([
      [5, '82674.21', '6200.00'],
      [5, '9650.25', '6900.00'],
      [5, '17030.00', '4500.00'],
    ]);
    expect(files.map((f) => f.sha256)).toEqual(MONTHS.map((m) => sha256Hex(bytes(m))));
  });

  it('infers each file’s own dates and encoding: only June is dd/mm/yyyy and Windows-1252', async () => {
    const { files } = await readAll();
    expect(files.map((f) => f.read.dateInference?.order ?? null)).toEqual([null, null, 'dmy']);
    const june = files[2]!.read.issues.map((i) => `${i.file} ${i.code}`);
    expect(june).toContain('spend-2024-06.csv encoding_inferred');
    expect(june).toContain('spend-2024-06.csv date_format_inferred');
    expect(files[0]!.read.issues.some((i) => i.code === 'encoding_inferred')).toBe(false);
  });

  it('fails on a file whose header cannot be read, naming the file', async () => {
    const s = settings();
    await expect(readSpendFileStage({ name: 'bad.csv', text: 'a,b\n1,2\n' }, s)).rejects.toThrow(
      'bad.csv cannot be read as a spend file',
    );
  });
});

describe('mergeSpendFiles, spendInputsHash and spendDocument (stages 4–6)', () => {
  it('gives the hand-summed totals of the three months: £17,600.00 local of £109,354.46', async () => {
    const { s, reg, files } = await readAll();
    const all = mergeSpendFiles(files, s, reg.register.register);
    expect(all.rows).toEqual({ read: 15, accepted: 15, rejected: 0 });
    expect(all.total.amount.toFixed(2)).toBe('109354.46');
    expect(all.local.amount.toFixed(2)).toBe('17600.00');
    expect(all.local.share.toString()).toBe('0.1609445101736134036051204495911735104357');
    expect(all.redacted.amount.toFixed(2)).toBe('1280.00');
    expect(all.unclassified.amount.toFixed(2)).toBe('1800.00');
    // readers' issues first, each with its own file
    expect(all.issues.filter((i) => i.code === 'encoding_inferred').map((i) => i.file)).toEqual([
      'spend-2024-06.csv',
    ]);
  });

  it('hashes one file as its digest and several as the list, in order', async () => {
    const { s, files } = await readAll();
    const options = {
      local: ['EX1', 'EX2', 'EX4'],
      vatBasis: 'exclusive',
      dateFormat: 'auto',
      period: 'quarter',
      top: 20,
      excludeRedacted: false,
      excludeSuppliers: [],
      excludeExpenseTypes: [],
      columns: null,
    };
    expect(spendInputsHash([files[0]!], null, s)).toBe(
      hashInputs({ spend: files[0]!.sha256, suppliers: null, options }),
    );
    expect(spendInputsHash(files, 'ab', s)).toBe(
      hashInputs({ spend: files.map((f) => f.sha256), suppliers: 'ab', options }),
    );
    expect(spendInputsHash([...files].reverse(), 'ab', s)).not.toBe(spendInputsHash(files, 'ab', s));
  });

  it('lists the files in the document only when there are several', async () => {
    const { s, reg, files } = await readAll();
    const one = spendDocument(mergeSpendFiles([files[0]!], s, reg.register.register), [files[0]!], 'x');
    expect(one.files).toBeUndefined();
    expect(one.inputs.columns?.amount).toBe('Amount');
    const many = spendDocument(mergeSpendFiles(files, s, reg.register.register), files, 'x');
    expect(many.files?.map((f) => [f.file, f.rows.read, f.total.amount, f.local.amount, f.dates])).toEqual([
      ['spend-2024-04.csv', 5, '82674.21', '6200.00', 'auto'],
      ['spend-2024-05.csv', 5, '9650.25', '6900.00', 'auto'],
      ['spend-2024-06.csv', 5, '17030.00', '4500.00', 'dmy'],
    ]);
    expect(many.inputs.columns?.supplierName).toBe('Supplier Name');
  });
});
