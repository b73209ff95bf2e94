// Runs one measured child process: wall time from spawn to exit, and its peak RSS read the way
// the kernel counts it. The child is preloaded with maxrss.cjs, which writes getrusage's maxrss
// (and CPU time) at exit; if the child dies before it can (a crash, an out-of-memory kill), the last VmHWM
// polled from /proc/<pid>/status stands in, and the run says which it is.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

/** A measured process run. */
export interface ProcessRun {
  /** Wall time from spawn to exit, in ms (node's start-up included, as a user sees it). */
  ms: number;
  /** Peak RSS in MB, or null where neither source was available. */
  rssMb: number | null;
  rssSource: 'maxrss' | 'vmhwm' | null;
  /** CPU time (user + system, all threads) in ms, from the same hook; null without it. */
  cpuMs: number | null;
  code: number | null;
  signal: string | null;
  /** The last 64 kB of stdout and of stderr. */
  stdout: string;
  stderr: string;
}

const KEEP = 64 * 1024;

function tail(prev: string, chunk: string): string {
  const s = prev + chunk;
  return s.length > KEEP ? s.slice(s.length - KEEP) : s;
}

function vmhwm(pid: number): number | null {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

/**
 * Runs `node [--require maxrss.cjs] ...args` and measures it.
 *
 * @example
 * ```ts
 * const r = await runMeasured(['packages/cli/dist/bin.js', '--help'], { hook, scratch: tmp });
 * r.rssMb; // e.g. 52.3
 * ```
 */
export function runMeasured(
  args: readonly string[],
  opts: { hook: string; scratch: string; cwd?: string; nodeArgs?: readonly string[] },
): Promise<ProcessRun> {
  const rssFile = join(
    opts.scratch,
    `maxrss-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`,
  );
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), '--require', opts.hook, ...args], {
      cwd: opts.cwd,
      env: { ...process.env, BENCH_MAXRSS_FILE: rssFile },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let ms = 0;
    let hwm: number | null = null;
    const poll = setInterval(() => {
      if (child.pid !== undefined) hwm = vmhwm(child.pid) ?? hwm;
    }, 100);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout = tail(stdout, d);
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr = tail(stderr, d);
    });
    child.on('error', (e) => {
      clearInterval(poll);
      reject(e);
    });
    child.on('exit', () => {
      ms = performance.now() - t0;
      clearInterval(poll);
    });
    child.on('close', (code, signal) => {
      let rssMb: number | null = null;
      let rssSource: ProcessRun['rssSource'] = null;
      let cpuMs: number | null = null;
      if (existsSync(rssFile)) {
        const u = JSON.parse(readFileSync(rssFile, 'utf8')) as Record<string, number>;
        rssMb = (u.maxRSS as number) / 1024;
        cpuMs = ((u.userCPUTime as number) + (u.systemCPUTime as number)) / 1000;
        rssSource = 'maxrss';
        rmSync(rssFile, { force: true });
      } else if (hwm !== null) {
        rssMb = hwm / 1024;
        rssSource = 'vmhwm';
      }
      resolve({ ms, rssMb, rssSource, cpuMs, code, signal, stdout, stderr });
    });
  });
}
