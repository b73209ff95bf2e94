// An ESM consumer: every package and subpath, resolved through node_modules to the built dist.
import * as cli from '@commonweal/cli';
import * as core from '@commonweal/core';
import { type Decimal, dec, type RoundingPolicy, roundMoney } from '@commonweal/core';
import * as economy from '@commonweal/core/economy';
import * as framework from '@commonweal/core/framework';
import * as issues from '@commonweal/core/issues';
import * as limits from '@commonweal/core/limits';
import * as money from '@commonweal/core/money';
import * as plan from '@commonweal/core/plan';
import * as procurement from '@commonweal/core/procurement';
import * as trace from '@commonweal/core/trace';
import * as valuation from '@commonweal/core/valuation';
import * as csv from '@commonweal/csv';
import * as csvNode from '@commonweal/csv/node';
import * as flows from '@commonweal/flows';
import * as json from '@commonweal/json';
import * as report from '@commonweal/report';
import * as uk from '@commonweal/uk';

type IsAny<T> = 0 extends 1 & T ? true : false;

const price: Decimal = dec('1234.50');
// @ts-expect-error a Decimal is not a number (this only errors while Decimal is not `any`)
const asNumber: number = price;
const notAny: IsAny<Decimal> = false;
const fromSubpath: IsAny<money.Decimal> = false;
const fromReturn: IsAny<ReturnType<typeof money.dec>> = false;
const pennies: string = roundMoney(price.times('1.2'));
const policy: RoundingPolicy = money.MONEY_ROUNDING;

export const used = [
  asNumber,
  notAny,
  fromSubpath,
  fromReturn,
  pennies,
  policy,
  cli.VERSION,
  core.ZERO,
  economy,
  framework,
  issues,
  limits,
  plan,
  procurement,
  trace,
  valuation,
  csv,
  csvNode,
  flows,
  json,
  report,
  uk,
];
