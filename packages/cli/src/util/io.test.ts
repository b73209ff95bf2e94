import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commands } from '../commands/index';
import { ROOT, runCli } from '../test/harness';
import { isInputOption } from './encoding';

const ex = (p: string) => join(ROOT, 'examples', p);
const commitments = readFileSync(ex('valuation/commitments.csv'), 'utf8');
const measures = ex('valuation/measures.csv');

/** Windows-1252 bytes of text using only Latin-1 letters and the punctuation mapped here. */
function cp1252(s: string): Uint8Array {
  const high: Record<string, number> = { '€': 0x80, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '–': 0x96 };
  return new Uint8Array([...s].map((c) => high[c] ?? c.charCodeAt(0)));
}

function utf16(s: string, be: boolean): Uint8Array {
  const out = [be ? 0xfe : 0xff, be ? 0xff : 0xfe];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (be) out.push(c >> 8, c & 0xff);
    else out.push(c & 0xff, c >> 8);
  }
  return new Uint8Array(out);
}

function scratch(files: Record<string, string | Uint8Array>): string {
  const dir = mkdtempSync(join(tmpdir(), 'cw-enc-'));
  for (const [name, data] of Object.entries(files)) writeFileSync(join(dir, name), data);
  return dir;
}

// the notes column carries £, é and smart quotes: they must come through, or be refused
const withNotes = commitments.replace('payroll postcodes', 'payroll “£12k” café’s postcodes');
const value = (entries: string, ...more: string[]) => [
  'value',
  '--framework',
  measures,
  '--entries',
  entries,
  '--format',
  'json',
  ...more,
];

describe('--encoding', () => {
  it('reads a Windows-1252 entries file as Windows-1252, with a located note, and the same result as UTF-8', async () => {
    const dir = scratch({
      'utf8.csv': withNotes,
      'cp.csv': cp1252(withNotes),
      'le.csv': utf16(withNotes, false),
    });
    const utf8 = await runCli(value('utf8.csv'), dir);
    const cp = await runCli(value('cp.csv'), dir);
    const le = await runCli(value('le.csv'), dir);
    expect(utf8.code).toBe(0);
    expect(cp.code).toBe(0);
    expect(le.code).toBe(0);
    const strip = (s: string) => JSON.parse(s, (k, v) => (k === 'sha256' || k === 'file' ? undefined : v));
    const issues = strip(cp.stdout).issues as { code: string; line: number }[];
    expect(issues.filter((i) => i.code !== 'encoding_inferred')).toEqual(strip(utf8.stdout).issues);
    expect(issues.find((i) => i.code === 'encoding_inferred')).toMatchObject({
      line: 2,
      severity: 'warning',
    });
    expect(cp.stderr).toMatch(/^cp\.csv:2: warning: the file is not UTF-8 .* read as Windows-1252/m);
    expect({ ...strip(cp.stdout), issues: [] }).toEqual({ ...strip(utf8.stdout), issues: [] });
    expect({ ...strip(le.stdout), issues: [] }).toEqual({ ...strip(utf8.stdout), issues: [] });
  });

  it('with --encoding utf-8, refuses Windows-1252 bytes in a file read whole, naming the line, column, byte and flag', async () => {
    const dir = scratch({ 'm.json': cp1252('{\n  "id": "caf\u00e9"\n}') });
    const r = await runCli(
      ['evaluate', '--model', 'm.json', '--bids', 'b.csv', '--scores', 's.csv', '--encoding', 'utf-8'],
      dir,
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^m\.json:2:13: bytes 0xE9 \("é" in Windows-1252\) at byte 14 are not UTF-8.*--encoding windows-1252.*\[invalid_encoding\]$/m,
    );
    expect(r.stderr).not.toContain('\uFFFD');
  });

  it('refuses, in auto mode, bytes that are text in neither UTF-8 nor Windows-1252', async () => {
    const bad = new Uint8Array([...cp1252(withNotes.slice(0, 200)), 0x81, ...cp1252(withNotes.slice(200))]);
    const dir = scratch({ 'bad.csv': bad });
    const r = await runCli(['validate', 'bad.csv', '--format', 'json'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^bad\.csv:\d+:\d+: byte 0x81 at byte \d+ is not a character in Windows-1252.*\[invalid_encoding\]$/m,
    );
  });

  it('decodes windows-1252 when told to, and -q silences the note; latin1 means the same', async () => {
    const dir = scratch({ 'cp.csv': cp1252(withNotes) });
    const told = await runCli(value('cp.csv', '--encoding', 'windows-1252'), dir);
    expect(told.code).toBe(0);
    expect(told.stderr).toBe('');
    const quiet = await runCli(value('cp.csv', '-q'), dir);
    expect(quiet.stderr).toBe('');
    expect((await runCli(value('cp.csv', '--encoding', 'latin1'), dir)).stdout).toBe(told.stdout);
  });

  it('is a usage error for an unknown encoding, listing the values', async () => {
    const r = await runCli(value(ex('valuation/commitments.csv'), '--encoding', 'ebcdic'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      "--encoding must be one of auto, utf-8, utf-16le, utf-16be, windows-1252, latin1 (got 'ebcdic')",
    );
  });

  it('is offered, with its values, by every command that reads a file', () => {
    const reading = commands.filter(
      (c) => c.variadic || Object.entries(c.options).some(([n, o]) => isInputOption(n, o)),
    );
    expect(reading.map((c) => c.name).sort()).toEqual(
      [
        'carbon',
        'carbon-budget',
        'doughnut',
        'downscale',
        'evaluate',
        'lm3',
        'monitor',
        'ocds',
        'plan',
        'portfolio',
        'priorities',
        'spend',
        'validate',
        'value',
      ].sort(),
    );
    for (const c of reading) {
      expect(c.options.encoding?.description, c.name).toContain(
        'auto, utf-8, utf-16le, utf-16be, windows-1252, latin1',
      );
      expect(c.options['input-format']?.description, c.name).toContain('csv or json');
    }
  });
});

describe('- (standard input)', () => {
  it('reads CSV entries from stdin as from the file, streamed or whole', async () => {
    const file = await runCli(value(ex('valuation/commitments.csv')));
    const piped = await runCli(value('-'), ROOT, { stdin: commitments });
    expect(piped.code).toBe(0);
    const strip = (s: string) => s.replace(/"file": "[^"]*"/g, '');
    expect(strip(piped.stdout)).toBe(strip(file.stdout));
    const cp = await runCli(value('-'), ROOT, { stdin: cp1252(withNotes) });
    expect(cp.code).toBe(0);
    expect(cp.stderr).toMatch(/^-:2: warning: the file is not UTF-8/m);
  });

  it('sniffs JSON from its first character, or takes --input-format', async () => {
    const model = readFileSync(ex('tender/model.json'));
    const args = [
      '--bids',
      ex('tender/bids.csv'),
      '--scores',
      ex('tender/scores.csv'),
      '--gates',
      ex('tender/gates.csv'),
    ];
    const file = await runCli(['evaluate', '--model', ex('tender/model.json'), ...args, '--format', 'json']);
    const piped = await runCli(['evaluate', '--model', '-', ...args, '--format', 'json'], ROOT, {
      stdin: model,
    });
    expect(piped.code).toBe(file.code);
    expect(JSON.parse(piped.stdout).ranking).toEqual(JSON.parse(file.stdout).ranking);
    const csvAsJson = await runCli(value('-', '--input-format', 'json'), ROOT, { stdin: commitments });
    expect(csvAsJson.code).toBe(2);
    expect(csvAsJson.stderr).toMatch(/^-:1:1: /m);
  });

  it('allows one - per command, and needs a stdin', async () => {
    const two = await runCli(['evaluate', '--model', '-', '--bids', '-', '--scores', 's.csv'], ROOT, {
      stdin: '',
    });
    expect(two.code).toBe(2);
    expect(two.stderr).toContain(
      'only one input can be read from standard input (-), but --model and --bids are -',
    );
    const none = await runCli(value('-'));
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('- (standard input) is not available here');
  });

  it('validates what it reads from stdin', async () => {
    const r = await runCli(['validate', '-', '--format', 'json'], ROOT, { stdin: commitments });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)[0]).toMatchObject({ file: '-', kind: 'entries' });
  });
});

describe('input limits', () => {
  it('refuses a file read whole just over the limit, with a located issue and no stack trace', async () => {
    const text = readFileSync(ex('tender/model.json'));
    const dir = scratch({ 'm.json': text });
    const args = ['evaluate', '--model', 'm.json', '--bids', 'b.csv', '--scores', 's.csv'];
    const over = await runCli(args, dir, { limits: { maxTextBytes: text.length - 1 } });
    expect(over.code).toBe(2);
    expect(over.stderr).toMatch(
      new RegExp(
        `^m\\.json: the input is ${text.length} bytes, more than the ${text.length - 1} bytes a command reads whole: split it .*\\[file_too_large\\]$`,
        'm',
      ),
    );
    expect(over.stderr).not.toMatch(/\n\s+at /);
    const at = await runCli(args, dir, { limits: { maxTextBytes: text.length } });
    expect(at.stderr).not.toContain('file_too_large');
  });

  it('refuses standard input just over the limit', async () => {
    const r = await runCli(value('-'), ROOT, { stdin: commitments, limits: { maxTextBytes: 100 } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^-: the input is more than the 100 bytes .*give a file path instead of - .*\[file_too_large\]$/m,
    );
  });
});
