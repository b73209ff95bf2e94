// Helpers the OCDS readers share: tolerant accessors, issues with JSON paths, the releases of
// a release, release package or record package, and the latest of several releases.

import type { Issue, IssueCode, Result } from '@commonweal/core/issues';
import { dec } from '@commonweal/core/money';
import { isPlainObject } from '../parse/check';
import { locateJsonPaths, type SafeParseJsonOptions } from '../parse/safe-parse';
import { toData as readData } from '../read/read';

export type Path = (string | number)[];
export type Obj = Record<string, unknown>;

export const obj = (x: unknown): Obj | undefined => (isPlainObject(x) ? x : undefined);
export const arr = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);

/** A non-empty trimmed string, or a finite number as text. */
export function str(x: unknown): string | undefined {
  if (typeof x === 'string') {
    const t = x.trim();
    return t === '' ? undefined : t;
  }
  if (typeof x === 'number' && Number.isFinite(x)) return dec(x).toFixed();
  return undefined;
}

/** A decimal string from a JSON number or numeric string (`"60"`, `"60.5%"`, `"£1,200"`). */
export function decimalText(x: unknown, allowPercent = false): string | undefined {
  if (typeof x === 'number') return Number.isFinite(x) ? dec(x).toFixed() : undefined;
  if (typeof x !== 'string') return undefined;
  const t = x
    .trim()
    .replace(/^£/, '')
    .replace(/,(?=\d{3}(\D|$))/g, '');
  const m = (allowPercent ? /^(-?\d+(?:\.\d+)?)\s*%?$/ : /^(-?\d+(?:\.\d+)?)$/).exec(t);
  return m ? dec(m[1] as string).toFixed() : undefined;
}

/** Unique ids within one list: `price`, `price-2`, … */
export class Ids {
  private readonly used = new Set<string>();
  take(base: string): string {
    let id = base;
    for (let n = 2; this.used.has(id); n++) id = `${base}-${n}`;
    this.used.add(id);
    return id;
  }
  has(id: string): boolean {
    return this.used.has(id);
  }
}

export interface Ctx {
  issues: Issue[];
  file: string | undefined;
}

export function add(ctx: Ctx, code: IssueCode, message: string, path: Path, severity?: 'warning'): void {
  const i: Issue = { code, message, path };
  if (severity) i.severity = severity;
  if (ctx.file !== undefined) i.file = ctx.file;
  ctx.issues.push(i);
}

export interface Located {
  release: Obj;
  path: Path;
}

const SECTIONS = ['tender', 'bids', 'awards', 'contracts', 'parties'] as const;

/** The releases of a release, release package, record package or array of releases. */
export function releasesOf(root: unknown, ctx: Ctx): Located[] | null {
  const out: Located[] = [];
  const take = (x: unknown, path: Path) => {
    const r = obj(x);
    if (r) out.push({ release: r, path });
    else add(ctx, 'release_not_object', 'this release is not an object: it was skipped', path, 'warning');
  };
  if (Array.isArray(root)) {
    root.forEach((x, i) => {
      take(x, [i]);
    });
    return out;
  }
  const o = obj(root);
  if (!o) return null;
  if (Array.isArray(o.releases)) {
    o.releases.forEach((x, i) => {
      take(x, ['releases', i]);
    });
    return out;
  }
  if (Array.isArray(o.records)) {
    for (const [i, rec] of o.records.entries()) {
      const r = obj(rec);
      if (!r) {
        take(rec, ['records', i]);
        continue;
      }
      const compiled = obj(r.compiledRelease);
      if (compiled) {
        out.push({ release: compiled, path: ['records', i, 'compiledRelease'] });
        continue;
      }
      const embedded = arr(r.releases)
        .map((x, j) => ({ release: obj(x), path: ['records', i, 'releases', j] as Path }))
        .filter(
          (x): x is Located => x.release !== undefined && SECTIONS.some((k) => k in (x.release as Obj)),
        );
      if (embedded.length === 0)
        add(
          ctx,
          'record_without_release',
          'this record has no compiledRelease and no embedded releases with a tender, bids, awards or contracts (linked releases are not fetched): it was skipped',
          ['records', i],
          'warning',
        );
      for (const e of embedded) out.push({ ...e, release: { ocid: r.ocid, ...e.release } });
    }
    return out;
  }
  if ('ocid' in o || SECTIONS.some((k) => k in o)) return [{ release: o, path: [] }];
  return null;
}

/** A release's `date` as text ('' when it has none), for ordering releases. */
export function releaseDate(r: Located): string {
  return typeof r.release.date === 'string' ? r.release.date : '';
}

/**
 * The releases in date order (a stable sort: equal or missing dates keep their position), so
 * that the last one holding a section is the latest.
 */
export function byDate(releases: readonly Located[]): Located[] {
  return releases
    .map((r, i) => ({ r, i, d: releaseDate(r) }))
    .sort((a, b) => (a.d < b.d ? -1 : a.d > b.d ? 1 : a.i - b.i))
    .map((x) => x.r);
}

/** The latest release (by date, then position) holding each section. */
export function latest(releases: readonly Located[], key: string): { value: Obj; path: Path } | undefined {
  let best: { value: Obj; path: Path; date: string } | undefined;
  for (const r of releases) {
    const v = obj(r.release[key]);
    if (!v) continue;
    const date = releaseDate(r);
    if (!best || date >= best.date) best = { value: v, path: [...r.path, key], date };
  }
  return best;
}

export function toData(
  input: unknown,
  options: SafeParseJsonOptions,
): Result<{ data: unknown; text?: string }> {
  // the readers' own: bytes are read as UTF-8, or refused with a located issue
  return readData(input, options);
}

/** Adds line and column to issues that carry a JSON path, when the source text is known. */
export function locate(issues: Issue[], text: string, options: SafeParseJsonOptions): Issue[] {
  const paths = issues.filter((i) => i.path && i.line === undefined).map((i) => i.path as Path);
  if (!paths.length) return issues;
  const at = locateJsonPaths(text, paths, options);
  return issues.map((i) => {
    const hit = i.path ? at.get(JSON.stringify(i.path)) : undefined;
    return hit && i.line === undefined ? { ...i, line: hit.line, column: hit.column } : i;
  });
}
