import type { Issue } from '@commonweal/core/issues';
import { type Decimal, sum } from '@commonweal/core/money';
import type { Bid } from '@commonweal/core/procurement';
import { decimalCell, textCell } from '../cells/cells';
import type { CsvSource } from '../source/source';
import { type ReadAllResult, type ReadTableOptions, readAll } from '../table/read';
import { defineTable } from '../table/table';
import { rejectDuplicates } from './common';

const text = textCell();
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The columns of a bids file: `bid,bidder,price` must be there and filled; `supplier_id`
 * (the bidder's unique identifier, e.g. its PPON or Companies House number), `address` and
 * `social_value` (already valued, money) are optional — the first two go into the assessment
 * summaries (Procurement Regulations 2024 reg 31(2)).
 *
 * @example
 * ```ts
 * // bid,bidder,price,supplier_id,address
 * // B1,Northside Care Co-operative,"£2,310,000",GB-COH-01234567,"1 Mill Lane, Exampletown"
 * ```
 */
export const BID_COLUMNS = {
  bid: { header: 'bid', aliases: ['bid id', 'tender id'], required: true, parse: text },
  bidder: {
    header: 'bidder',
    aliases: ['bidder name', 'supplier name', 'tenderer', 'supplier'],
    required: true,
    parse: text,
  },
  price: {
    header: 'price',
    aliases: ['tendered price', 'bid price', 'total price'],
    required: true,
    parse: decimalCell({ example: '2310000' }),
  },
  supplierId: {
    header: 'supplier_id',
    aliases: ['supplier identifier', 'unique identifier', 'bidder id'],
    parse: text,
  },
  address: { header: 'address', aliases: ['supplier address', 'bidder address'], parse: text },
  socialValue: { header: 'social_value', parse: decimalCell({ example: '125000' }) },
} as const;

/**
 * The bids table: rows are core `Bid` values with `line` set.
 *
 * @example
 * ```ts
 * const { rows } = await readAll('bid,bidder,price\nB1,Acme,100\n', bidsTable);
 * rows[0]; // { bid: 'B1', bidder: 'Acme', price: Dec('100'), line: 2 }
 * ```
 */
export const bidsTable = defineTable({
  name: 'bids',
  columns: BID_COLUMNS,
  row: (v, ctx) => {
    const b: Bid = { bid: v.bid, bidder: v.bidder, price: v.price, line: ctx.line };
    if (v.supplierId !== undefined) b.supplierId = v.supplierId;
    if (v.address !== undefined) b.address = v.address;
    if (v.socialValue !== undefined) b.socialValue = v.socialValue;
    return { ok: true, value: b };
  },
});

/**
 * Reads a bids CSV. Bad cells are located issues; a bid id written on more than one row
 * rejects every row with that id (`duplicate_bid`), so the result never depends on row order.
 * `counts`: read = accepted + rejected.
 *
 * @example
 * ```ts
 * const r = await readBidsCsv('bid,bidder,price\nB1,Acme,100\nB1,Brill,90\n', { file: 'bids.csv' });
 * r.rows.length; // 0
 * r.issues.map((i) => [i.line, i.code]); // [[2, 'duplicate_bid'], [3, 'duplicate_bid']]
 * ```
 */
export async function readBidsCsv(
  source: CsvSource,
  options: ReadTableOptions = {},
): Promise<ReadAllResult<Bid>> {
  return rejectDuplicates(await readAll(source, bidsTable, options), {
    key: (b) => b.bid,
    column: 'bid',
    code: 'duplicate_bid',
    message: (b, others) =>
      `bid id "${b.bid}" is also on line ${others}: give each bid its own id (every row with this id was left out)`,
    file: options.file,
  });
}

/**
 * One priced line of a bid: `amount = quantity × unit price`, with the line it came from.
 *
 * @example
 * ```ts
 * const l: PriceLine = { bid: 'B1', item: 'day-care', quantity: dec(1000), unitPrice: dec('24.5'), amount: dec(24500), line: 2 };
 * ```
 */
export interface PriceLine {
  bid: string;
  item: string;
  description?: string;
  quantity: Decimal;
  unitPrice: Decimal;
  amount: Decimal;
  line: number;
}

/**
 * The columns of a priced lines file: `bid,item,quantity,unit_price` must be there and filled
 * (`quantity` not negative; `unit_price` may be negative for a discount line); `description`
 * is optional.
 *
 * @example
 * ```ts
 * // bid,item,quantity,unit_price,description
 * // B1,HOURS,52000,18.40,Home care hours a year
 * ```
 */
export const PRICE_LINE_COLUMNS = {
  bid: { header: 'bid', aliases: ['bid id'], required: true, parse: text },
  item: { header: 'item', aliases: ['line', 'item id', 'line item'], required: true, parse: text },
  quantity: { header: 'quantity', aliases: ['qty'], required: true, parse: decimalCell({ min: 0 }) },
  unitPrice: {
    header: 'unit_price',
    aliases: ['rate', 'price per unit'],
    required: true,
    parse: decimalCell({ example: '18.40' }),
  },
  description: { header: 'description', parse: text },
} as const;

/**
 * The priced lines table: rows are {@link PriceLine}s.
 *
 * @example
 * ```ts
 * const { rows } = await readAll('bid,item,quantity,unit_price\nB1,H,10,2.5\n', priceLinesTable);
 * rows[0]?.amount.toString(); // '25'
 * ```
 */
export const priceLinesTable = defineTable({
  name: 'price lines',
  columns: PRICE_LINE_COLUMNS,
  row: (v, ctx) => {
    const l: PriceLine = {
      bid: v.bid,
      item: v.item,
      quantity: v.quantity,
      unitPrice: v.unitPrice,
      amount: v.quantity.times(v.unitPrice),
      line: ctx.line,
    };
    if (v.description !== undefined) l.description = v.description;
    return { ok: true, value: l };
  },
});

/**
 * Reads a priced lines CSV. The same item written twice for one bid rejects every such row
 * (`duplicate_item`). `counts`: read = accepted + rejected.
 *
 * @example
 * ```ts
 * const r = await readPriceLinesCsv('bid,item,quantity,unit_price\nB1,HOURS,52000,18.40\n');
 * r.rows[0]?.amount.toString(); // '956800'
 * ```
 */
export async function readPriceLinesCsv(
  source: CsvSource,
  options: ReadTableOptions = {},
): Promise<ReadAllResult<PriceLine>> {
  return rejectDuplicates(await readAll(source, priceLinesTable, options), {
    key: (l) => `${l.bid}\u0000${l.item}`,
    column: 'item',
    code: 'duplicate_item',
    message: (l, others) =>
      `bid "${l.bid}" prices item "${l.item}" again on line ${others}: write each item once per bid (every such row was left out)`,
    file: options.file,
  });
}

/**
 * Where the bids and lines came from, for the issues of {@link attachPriceLines}.
 *
 * @example
 * ```ts
 * const files: AttachPriceLinesOptions = { bidsFile: 'bids.csv', linesFile: 'lines.csv' };
 * ```
 */
export interface AttachPriceLinesOptions {
  bidsFile?: string;
  linesFile?: string;
}

/**
 * Joins priced lines to their bids (`Bid.lines`, sorted by item; each line's amount is
 * quantity × unit price). A line for a bid that is not in the bids file is rejected
 * (`unknown_bid`, counted in `rejected`); a bid whose lines do not add up to its price keeps
 * its price and gets a `price_lines_mismatch` warning on its line in the bids file — the
 * price is never silently replaced by the sum (the evaluation flags the bid too).
 *
 * @example
 * ```ts
 * const r = attachPriceLines(bids.rows, lines.rows, { bidsFile: 'bids.csv', linesFile: 'lines.csv' });
 * r.bids[0]?.lines?.length; // 2
 * r.issues; // [{ code: 'price_lines_mismatch', line: 3, file: 'bids.csv', … }]
 * ```
 */
export function attachPriceLines(
  bids: readonly Bid[],
  lines: readonly PriceLine[],
  options: AttachPriceLinesOptions = {},
): { bids: Bid[]; issues: Issue[]; rejected: number } {
  const issues: Issue[] = [];
  const byBid = new Map<string, PriceLine[]>();
  const known = new Set(bids.map((b) => b.bid));
  let rejected = 0;
  for (const l of lines) {
    if (!known.has(l.bid)) {
      rejected++;
      const i: Issue = {
        code: 'unknown_bid',
        message: `price line for bid "${l.bid}", which is not in the bids file: correct the bid id (the line was left out)`,
        line: l.line,
        field: 'bid',
      };
      if (options.linesFile !== undefined) i.file = options.linesFile;
      issues.push(i);
      continue;
    }
    byBid.set(l.bid, [...(byBid.get(l.bid) ?? []), l]);
  }
  const out = bids.map((b) => {
    const own = byBid.get(b.bid);
    if (!own) return b;
    const sorted = [...own].sort((x, y) => cmp(x.item, y.item));
    const total = sum(sorted.map((l) => l.amount));
    if (!total.eq(b.price)) {
      const i: Issue = {
        code: 'price_lines_mismatch',
        message: `the price lines of bid "${b.bid}" add up to ${total.toFixed()} (${sorted.map((l) => `${l.item} ${l.quantity.toFixed()} × ${l.unitPrice.toFixed()}`).join(' + ')}), not its price ${b.price.toFixed()}: the price is used; clarify with the bidder`,
        field: 'price',
        severity: 'warning',
      };
      if (b.line !== undefined) i.line = b.line;
      if (options.bidsFile !== undefined) i.file = options.bidsFile;
      issues.push(i);
    }
    return {
      ...b,
      lines: sorted.map((l) => {
        const line: NonNullable<Bid['lines']>[number] = { id: l.item, amount: l.amount };
        if (l.description !== undefined) line.description = l.description;
        return line;
      }),
    };
  });
  issues.sort((a, b) => cmp(a.file ?? '', b.file ?? '') || (a.line ?? 0) - (b.line ?? 0));
  return { bids: out, issues, rejected };
}
