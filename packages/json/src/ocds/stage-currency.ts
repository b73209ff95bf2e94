import { add, arr, type Ctx, type Obj, obj, type Path, str } from './shared';
import type { OcdsBid, OcdsOptions } from './types';

/**
 * Stage 2 of the OCDS builder: the tender's currency — the one asked for, else the tender's,
 * a lot's or a bid's; GBP (with a warning) when none is an ISO 4217 code. A bid priced in another
 * currency is an issue.
 *
 * @example
 * ```ts
 * tenderCurrency(tender, ['tender'], bids, undefined, {}, ctx); // 'GBP'
 * ```
 */
export function tenderCurrency(
  tender: Obj,
  tenderPath: Path,
  bids: readonly OcdsBid[],
  bidsAt: { path: Path } | undefined,
  options: OcdsOptions,
  ctx: Ctx,
): string {
  const tenderValue = obj(tender.value);
  let currency = options.currency ?? (tenderValue ? str(tenderValue.currency) : undefined);
  if (currency === undefined) {
    for (const l of arr(tender.lots)) {
      const v = obj(obj(l)?.value);
      currency ??= v ? str(v.currency) : undefined;
    }
  }
  currency ??= bids.find((b) => b.currency)?.currency ?? undefined;
  if (currency === undefined || !/^[A-Z]{3}$/.test(currency)) {
    add(
      ctx,
      'currency_assumed',
      `no ISO 4217 currency in the tender or bids${currency ? ` ("${currency}" is not one)` : ''}: GBP is assumed`,
      [...tenderPath, 'value'],
      'warning',
    );
    currency = 'GBP';
  }
  for (const b of bids)
    if (b.currency && b.currency !== currency)
      add(
        ctx,
        'bid_currency_differs',
        `bid "${b.bid}" is priced in ${b.currency}, the tender in ${currency}: convert its price before evaluating`,
        [...(bidsAt?.path ?? []), 'details'],
      );

  return currency;
}
