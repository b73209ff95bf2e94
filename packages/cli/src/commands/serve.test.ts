import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../test/harness';
import { findWorkbench, SERVE_CSP, type StaticServer, startStaticServer } from './serve';

function get(port: number, path: string, method = 'GET', host = `127.0.0.1:${port}`) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((done, fail) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers: { host } }, (res) => {
      let body = '';
      res.on('data', (c) => {
        body += c;
      });
      res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', fail);
    req.end();
  });
}

describe('commonweal serve', () => {
  let dir: string;
  let s: StaticServer;
  beforeAll(async () => {
    const base = mkdtempSync(join(tmpdir(), 'cw-serve-'));
    dir = join(base, 'site');
    mkdirSync(join(dir, 'assets'), { recursive: true });
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>x</title>');
    writeFileSync(join(dir, 'assets', 'app.js'), 'export {};');
    writeFileSync(join(dir, '.env'), 'SECRET=1');
    writeFileSync(join(base, 'outside.txt'), 'outside');
    symlinkSync(join(base, 'outside.txt'), join(dir, 'link.txt'));
    s = await startStaticServer(dir);
  });
  afterAll(() => s.close());

  it('serves on 127.0.0.1 at a free port, with the CSP on every answer', async () => {
    expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(s.port).toBeGreaterThan(0);
    const page = await get(s.port, '/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>x</title>');
    expect(page.headers['content-security-policy']).toBe(SERVE_CSP);
    expect(SERVE_CSP).toMatch(/^default-src 'self';/);
    const js = await get(s.port, '/assets/app.js');
    expect([js.status, js.headers['content-type']]).toEqual([200, 'text/javascript; charset=utf-8']);
  });

  it('serves static files only: no dotfiles, nothing outside, no writes, no other host', async () => {
    expect((await get(s.port, '/.env')).status).toBe(404);
    expect((await get(s.port, '/%2e%2e/outside.txt')).status).toBe(404);
    expect((await get(s.port, '/link.txt')).status).toBe(403);
    expect((await get(s.port, '/', 'POST')).status).toBe(405);
    expect((await get(s.port, '/', 'GET', 'evil.example:80')).status).toBe(403);
    expect((await get(s.port, '/missing.js')).status).toBe(404);
  });

  it('refuses a bad port or folder with exit code 2', async () => {
    const port = await runCli(['serve', '--port', 'eighty']);
    expect(port.code).toBe(2);
    expect(port.stderr).toContain('--port needs a whole number from 0 to 65535');
    const folder = await runCli(['serve', 'no-such-folder']);
    expect(folder.code).toBe(2);
    expect(folder.stderr).toContain('no-such-folder is not a folder');
  });

  it('finds the built workbench from a folder inside the repository', () => {
    const base = mkdtempSync(join(tmpdir(), 'cw-find-'));
    mkdirSync(join(base, 'packages/workbench/dist'), { recursive: true });
    writeFileSync(join(base, 'packages/workbench/dist/index.html'), '');
    mkdirSync(join(base, 'examples/tender'), { recursive: true });
    expect(findWorkbench(join(base, 'examples/tender'))).toBe(join(base, 'packages/workbench/dist'));
    expect(findWorkbench(tmpdir())).toBe(null);
  });
});

describe('serve and the per-file limit', () => {
  it('answers 413 for a file over the limit, without reading it, and logs a line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cw-serve-big-'));
    writeFileSync(join(dir, 'ten.csv'), '0123456789');
    writeFileSync(join(dir, 'eleven.csv'), '0123456789A');
    const log: string[] = [];
    const big = await startStaticServer(dir, 0, { maxBytes: 10, log: (l) => log.push(l) });
    try {
      expect((await get(big.port, '/ten.csv')).body).toBe('0123456789');
      const over = await get(big.port, '/eleven.csv');
      expect(over.status).toBe(413);
      expect(over.body).toBe(
        'Too large: /eleven.csv is 11 bytes, over the 10 bytes served (COMMONWEAL_MAX_BYTES).\n',
      );
      expect(over.headers['content-security-policy']).toBe(SERVE_CSP);
      expect(log).toEqual([
        'serve: refused /eleven.csv is 11 bytes, over the 10 bytes served (COMMONWEAL_MAX_BYTES): raise COMMONWEAL_MAX_BYTES if the file is trusted [file_too_large]',
      ]);
    } finally {
      await big.close();
    }
  });

  it('from the CLI: COMMONWEAL_MAX_BYTES bounds what `commonweal serve` reads', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cw-serve-env-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>big</title>'); // 33 bytes
    const child = spawn(process.execPath, [join(ROOT, 'packages/cli/dist/bin.js'), 'serve', dir], {
      env: { ...process.env, COMMONWEAL_MAX_BYTES: '32' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stderr.on('data', (c) => {
      err += c;
    });
    try {
      const port = await new Promise<number>((done, fail) => {
        child.stdout.on('data', (c) => {
          out += c;
          const m = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(out);
          if (m) done(Number(m[1]));
        });
        child.once('exit', () => fail(new Error(`serve exited: ${err}`)));
      });
      const r = await get(port, '/');
      expect(r.status).toBe(413);
      expect(r.body).toContain('/ is 33 bytes, over the 32 bytes served');
      // the log line is written before the answer, but down another pipe
      await new Promise<void>((done) => {
        const check = () => (err.includes('\n') ? done() : child.stderr.once('data', check));
        check();
      });
      expect(err).toContain('serve: refused / is 33 bytes');
    } finally {
      child.kill('SIGTERM');
    }
  });
});

describe('commonweal demo and the workbench', () => {
  it('says how to open the workbench when it is built', async () => {
    const base = mkdtempSync(join(tmpdir(), 'cw-demo-'));
    mkdirSync(join(base, 'packages/workbench/dist'), { recursive: true });
    writeFileSync(join(base, 'packages/workbench/dist/index.html'), '');
    const r = await runCli(['demo', '--dir', 'demo-out'], base);
    expect(r.stdout).toContain(
      "The commissioner's workbench (build, score and moderate a tender in the browser) is built in",
    );
    expect(r.stdout).toContain('Open it with `node packages/cli/dist/bin.js serve`');
  });
});
