import type { Command } from '../command';
import { demoCommand } from './demo';
import { schemaCommand } from './schema';
import { valueCommand } from './value';

/** Every sub-command, in the order help lists them. */
export const commands: Command[] = [demoCommand, valueCommand, schemaCommand];
