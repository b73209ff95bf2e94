export { run, VERSION } from './cli';
export { type Command, type OptionSpec, type OptionValues } from './command';
export { commands } from './commands/index';
export { computeValue, valuationCsv, valuationTable, valueCommand, type ValueOutcome } from './commands/value';
export { type CliIO, nodeIO } from './util/io';
export { carbonCommand, computeCarbon } from './commands/carbon';
export { computeDoughnut, doughnutCommand } from './commands/doughnut';
export { computeWellbeing, wellbeingCommand } from './commands/wellbeing';
