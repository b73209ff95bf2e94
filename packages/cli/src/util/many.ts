import { readdirSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { type CliIO, STDIN, UsageError } from './io';

const GLOB = /[*?[]/;

/**
 * True when a file argument is a pattern the command line expands itself (`*`, `?`, `[…]`,
 * `**`), so a quoted pattern works the same in every shell.
 *
 * @example
 * ```ts
 * isPattern('data/2024-*.csv'); // true
 * isPattern('data/2024-04.csv'); // false
 * ```
 */
export function isPattern(arg: string): boolean {
  return GLOB.test(arg);
}

/** A regular expression for one path segment: `*` and `?` never cross a `/`. */
function segmentRegex(segment: string): RegExp {
  let out = '';
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i] as string;
    if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '[') {
      const end = segment.indexOf(']', i + 2);
      if (end < 0) {
        out += '\\[';
        continue;
      }
      let body = segment.slice(i + 1, end);
      const negate = body.startsWith('!') || body.startsWith('^');
      if (negate) body = body.slice(1);
      out += `[${negate ? '^' : ''}${body.replace(/[\\\]]/g, '\\$&')}]`;
      i = end;
    } else out += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
}

function entries(dir: string): { name: string; dir: boolean }[] {
  try {
    return readdirSync(dir, { withFileTypes: true }).map((d) => ({
      name: d.name,
      dir: d.isDirectory() || (d.isSymbolicLink() && isDir(join(dir, d.name))),
    }));
  } catch {
    return [];
  }
}

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Matches `segments` below `base` (an absolute folder); `shown` is how the folder is written. */
function walk(base: string, shown: string, segments: readonly string[], out: Set<string>): void {
  const [head, ...rest] = segments;
  if (head === undefined) {
    if (isFile(base)) out.add(shown);
    return;
  }
  const at = (name: string) =>
    shown === '' ? name : shown.endsWith('/') ? `${shown}${name}` : `${shown}/${name}`;
  if (head === '**') {
    walk(base, shown, rest, out);
    for (const e of entries(base))
      if (e.dir && !e.name.startsWith('.')) walk(join(base, e.name), at(e.name), segments, out);
    return;
  }
  if (!isPattern(head)) {
    walk(join(base, head), at(head), rest, out);
    return;
  }
  const re = segmentRegex(head);
  // As in a shell, a leading dot is matched only by a pattern that starts with one.
  const dots = head.startsWith('.');
  for (const e of entries(base)) {
    if (e.name.startsWith('.') && !dots) continue;
    if (!re.test(e.name)) continue;
    if (rest.length && !e.dir) continue;
    walk(join(base, e.name), at(e.name), rest, out);
  }
}

/**
 * The files a pattern names, relative to the working directory as the pattern is written,
 * sorted by code point (the same order on every machine and in every shell).
 *
 * @example
 * ```ts
 * expandPattern(io, 'data/2024-*.csv'); // ['data/2024-04.csv', 'data/2024-05.csv', 'data/2024-06.csv']
 * ```
 */
export function expandPattern(io: CliIO, pattern: string): string[] {
  const absolute = isAbsolute(pattern);
  const segments = pattern.split('/').filter((s, i) => s !== '' && !(s === '.' && i === 0));
  const out = new Set<string>();
  walk(absolute ? '/' : resolve(io.cwd), absolute ? '/' : pattern.startsWith('./') ? '.' : '', segments, out);
  return [...out].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * The files of a repeatable file option (`--spend a.csv --spend 'data/2024-*.csv'`): each value
 * in the order given, a pattern expanded and sorted by the command itself. A pattern that
 * matches nothing, or a file named twice, is a usage error (exit 2) naming it.
 *
 * @example
 * ```ts
 * manyFiles(io, values.spend, 'spend'); // ['data/2024-04.csv', 'data/2024-05.csv']
 * ```
 */
export function manyFiles(io: CliIO, value: unknown, flag: string): string[] {
  const given = Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : [];
  const files: string[] = [];
  const seen = new Map<string, string>();
  for (const arg of given) {
    if (arg === '') throw new UsageError(`--${flag} needs a file`);
    const found = arg !== STDIN && isPattern(arg) ? expandPattern(io, arg) : [arg];
    if (found.length === 0)
      throw new UsageError(
        `--${flag} '${arg}' matches no file (working directory ${io.cwd}); check the pattern, and quote it so the command expands it`,
      );
    for (const f of found) {
      const key = f === STDIN ? STDIN : resolve(io.cwd, f);
      const had = seen.get(key);
      if (had !== undefined)
        throw new UsageError(
          `--${flag}: ${f} is given twice${had !== f ? ` (also as ${had})` : ''}; its rows would be counted twice: give it once`,
        );
      seen.set(key, f);
      files.push(f);
    }
  }
  return files;
}
