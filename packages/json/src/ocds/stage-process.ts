import { add, type Ctx, type Located, latest, type Obj, obj, type Path, releasesOf, str } from './shared';
import type { OcdsOptions, OcdsSkeleton } from './types';

/**
 * Stage 1 of the OCDS builder: the releases of one contracting process — the `ocid` asked for,
 * else the first (with a warning when the file holds several). Null, with an issue, when the file
 * is not OCDS, holds no releases or lacks the ocid asked for.
 *
 * @example
 * ```ts
 * selectProcess(JSON.parse(text), {}, ctx)?.ocid; // 'ocds-b5fd17-1'
 * ```
 */
export function selectProcess(
  root: unknown,
  options: OcdsOptions,
  ctx: Ctx,
): { ocid: string; releases: Located[] } | null {
  const all = releasesOf(root, ctx);
  if (all === null) {
    add(
      ctx,
      'not_ocds',
      'this is not an OCDS release, release package or record package (no releases, records, ocid, tender or bids)',
      [],
    );
    return null;
  }
  if (all.length === 0) {
    add(ctx, 'no_releases', 'the package holds no releases', []);
    return null;
  }
  const ocids: string[] = [];
  for (const r of all) {
    const o = str(r.release.ocid) ?? '';
    if (!ocids.includes(o)) ocids.push(o);
  }
  let ocid = ocids[0] as string;
  if (options.ocid !== undefined) {
    if (!ocids.includes(options.ocid)) {
      add(
        ctx,
        'unknown_ocid',
        `no release has ocid "${options.ocid}"; found: ${ocids.filter(Boolean).join(', ') || '(none)'}`,
        [],
      );
      return null;
    }
    ocid = options.ocid;
  } else if (ocids.length > 1)
    add(
      ctx,
      'several_ocids',
      `the file holds ${ocids.length} contracting processes (${ocids.map((o) => o || '(no ocid)').join(', ')}): only "${ocid || '(no ocid)'}" is read; choose another with the ocid option`,
      [],
      'warning',
    );
  const releases = all.filter((r) => (str(r.release.ocid) ?? '') === ocid);
  return { ocid, releases };
}

/**
 * The process's header: the package's publisher (a name, or an object with one) and publication
 * date, and the buyer of the latest release that names one.
 *
 * @example
 * ```ts
 * processHeader({ publisher: { name: 'Cabinet Office' } }, releases).publisher; // 'Cabinet Office'
 * ```
 */
export function processHeader(
  root: unknown,
  releases: readonly Located[],
): Pick<OcdsSkeleton, 'publisher' | 'publishedDate' | 'buyer'> {
  const meta = obj(root);
  const publisherRaw = meta?.publisher;
  const publisher = str(publisherRaw) ?? str(obj(publisherRaw)?.name) ?? null;
  const publishedDate = str(meta?.publishedDate) ?? null;
  const buyerRef = [...releases]
    .reverse()
    .map((r) => obj(r.release.buyer))
    .find(Boolean);
  const buyer = buyerRef ? { id: str(buyerRef.id) ?? null, name: str(buyerRef.name) ?? null } : null;
  return { publisher, publishedDate, buyer };
}

/**
 * The sections of one process that the later stages read: the latest tender and bids (with
 * their paths) and the latest releases holding `awards[]` and `parties[]`. No tender is a
 * warning (no criteria can be read).
 *
 * @example
 * ```ts
 * processSections(releases, ctx).tenderPath; // ['releases', 2, 'tender']
 * ```
 */
export function processSections(releases: readonly Located[], ctx: Ctx): OcdsSections {
  const tenderAt = latest(releases, 'tender');
  const bidsAt = latest(releases, 'bids');
  const awardsOwner = [...releases].reverse().find((r) => Array.isArray(r.release.awards));
  const partyOwner = [...releases].reverse().find((r) => Array.isArray(r.release.parties));
  if (!tenderAt)
    add(ctx, 'no_tender', 'no release has a tender section: no award criteria can be read', [], 'warning');
  return {
    tenderAt,
    tender: tenderAt?.value ?? {},
    tenderPath: tenderAt?.path ?? ['tender'],
    bidsAt,
    awards: awardsOwner?.release.awards,
    partiesRelease: partyOwner?.release ?? {},
  };
}

/**
 * What {@link processSections} finds: the latest tender (`tender` is `{}` when there is none)
 * and bids with their paths, the latest `awards` value and the release whose `parties` are read.
 *
 * @example
 * ```ts
 * const s: OcdsSections = { tenderAt: undefined, tender: {}, tenderPath: ['tender'], bidsAt: undefined,
 *   awards: undefined, partiesRelease: {} };
 * ```
 */
export interface OcdsSections {
  tenderAt: { value: Obj; path: Path } | undefined;
  tender: Obj;
  tenderPath: Path;
  bidsAt: { value: Obj; path: Path } | undefined;
  awards: unknown;
  partiesRelease: Obj;
}
