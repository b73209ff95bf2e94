import type { Command } from '../command';
import { carbonCommand } from './carbon';
import { demoCommand } from './demo';
import { doughnutCommand } from './doughnut';
import { schemaCommand } from './schema';
import { valueCommand } from './value';
import { wellbeingCommand } from './wellbeing';

/** Every sub-command, in the order help lists them. */
export const commands: Command[] = [
  demoCommand,
  valueCommand,
  schemaCommand,
  doughnutCommand,
  carbonCommand,
  wellbeingCommand,
];
