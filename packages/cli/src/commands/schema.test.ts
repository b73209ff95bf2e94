import { describe, expect, it } from 'vitest';
import { runCli } from '../test/harness';

describe('commonweal schema', () => {
  it('lists the formats', async () => {
    const r = await runCli(['schema', '--list']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^valuation-output\s+/m);
    expect(r.stdout).toMatch(/^framework\s+/m);
  });
  it('prints a JSON Schema', async () => {
    const r = await runCli(['schema', 'entries']);
    expect(r.code).toBe(0);
    const schema = JSON.parse(r.stdout);
    expect(schema.$schema).toContain('json-schema.org');
    expect(schema.type).toBe('array');
  });
  it('rejects an unknown name with exit 2', async () => {
    const r = await runCli(['schema', 'nope']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no format named');
  });
});
