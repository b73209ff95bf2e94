// Bid ids come from bidders' files, so they may name paths or devices; the page and the CLI
// must name a bid's summary alike, so there is one rule, here, free of `node:`.
const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/i;

/**
 * The assessment summaries' file names from their bid ids, as `commonweal evaluate
 * --summaries` writes them and the workbench exports them: letters, digits, `.`, `_` and `-`
 * only (others become `-`), no leading or trailing dot or dash, at most 80 characters, never a
 * reserved device name (`bid-` goes before it), an empty id becomes `bid`; names that would
 * clash (ignoring case) get `-2`, `-3`, … in bid order.
 *
 * @param bids - The bid ids, in the order the summaries are written.
 * @returns One `.md` file name per bid, in the same order, unique ignoring case.
 * @example
 * ```ts
 * summaryNames(['B1', '../etc/passwd', 'CON', 'b1']); // ['B1.md', 'etc-passwd.md', 'bid-CON.md', 'b1-2.md']
 * ```
 */
export function summaryNames(bids: readonly string[]): string[] {
  const used = new Set<string>();
  return bids.map((id) => {
    let base = id
      .normalize('NFKD')
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .replace(/^[.-]+|[.-]+$/g, '')
      .slice(0, 80);
    if (base === '') base = 'bid';
    if (RESERVED.test(base)) base = `bid-${base}`;
    let name = base;
    for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base}-${n}`;
    used.add(name.toLowerCase());
    return `${name}.md`;
  });
}
