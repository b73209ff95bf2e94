import type { Command } from '../command';
import { carbonCommand } from './carbon';
import { doughnutCommand } from './doughnut';
import { demoCommand } from './demo';
import { schemaCommand } from './schema';
import { valueCommand } from './value';
import { wellbeingCommand } from './wellbeing';

/** Every sub-command, in the order help lists them. */
export const commands: Command[] = [demoCommand, valueCommand, schemaCommand, doughnutCommand, carbonCommand, wellbeingCommand];
