export { run, VERSION } from './cli';
export type { Command, OptionSpec, OptionValues } from './command';
export { carbonCommand, computeCarbon } from './commands/carbon';
export { computeDoughnut, doughnutCommand } from './commands/doughnut';
export { commands } from './commands/index';
export { initCommand } from './commands/init';
export { computeLm3, lm3Command } from './commands/lm3';
export { computePriorities, prioritiesCommand } from './commands/priorities';
export { computeSpend, spendCommand } from './commands/spend';
export { type Validation, validateCommand, validateText } from './commands/validate';
export {
  computeValue,
  type ValueOutcome,
  valuationCsv,
  valuationTable,
  valueCommand,
} from './commands/value';
export { computeWellbeing, wellbeingCommand } from './commands/wellbeing';
export { type CliIO, nodeIO } from './util/io';
