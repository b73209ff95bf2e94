import type { Command } from '../command';
import { carbonCommand } from './carbon';
import { carbonBudgetCommand } from './carbon-budget';
import { demoCommand } from './demo';
import { doughnutCommand } from './doughnut';
import { downscaleCommand } from './downscale';
import { evaluateCommand } from './evaluate';
import { initCommand } from './init';
import { lm3Command } from './lm3';
import { monitorCommand } from './monitor';
import { ocdsCommand } from './ocds';
import { planCommand } from './plan';
import { portfolioCommand } from './portfolio';
import { prioritiesCommand } from './priorities';
import { schemaCommand } from './schema';
import { serveCommand } from './serve';
import { spendCommand } from './spend';
import { validateCommand } from './validate';
import { valueCommand } from './value';
import { wellbeingCommand } from './wellbeing';

/** Every sub-command, in the order help lists them. */
export const commands: Command[] = [
  demoCommand,
  valueCommand,
  evaluateCommand,
  monitorCommand,
  portfolioCommand,
  ocdsCommand,
  doughnutCommand,
  downscaleCommand,
  carbonCommand,
  carbonBudgetCommand,
  wellbeingCommand,
  spendCommand,
  lm3Command,
  prioritiesCommand,
  planCommand,
  initCommand,
  validateCommand,
  schemaCommand,
  serveCommand,
];
