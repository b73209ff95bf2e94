// A CommonJS consumer: the require conditions and their .d.cts declarations.
import { type Decimal, dec } from '@commonweal/core';
import { MONEY_ROUNDING } from '@commonweal/core/money';
import { readEntriesFile } from '@commonweal/csv/node';

type IsAny<T> = 0 extends 1 & T ? true : false;

const price: Decimal = dec('1234.50');
// @ts-expect-error a Decimal is not a number (this only errors while Decimal is not `any`)
const asNumber: number = price;
const notAny: IsAny<Decimal> = false;

export const used = [asNumber, notAny, MONEY_ROUNDING, readEntriesFile];
