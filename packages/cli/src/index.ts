export { run, VERSION } from './cli';
export type { Command, OptionSpec, OptionValues } from './command';
export { type CarbonOutcome, carbonCommand, computeCarbon } from './commands/carbon';
export {
  computeDoughnut,
  type DoughnutOutcome,
  doughnutCommand,
  doughnutTrendTable,
} from './commands/doughnut';
export {
  computeDownscale,
  type DownscaleOutcome,
  downscaleCommand,
  downscaleTable,
} from './commands/downscale';
export { commands } from './commands/index';
export { initCommand } from './commands/init';
export { computeLm3, type Lm3Outcome, lm3Command } from './commands/lm3';
export type { PrioritisedValuationView } from './commands/priorities';
export {
  type AppliedModel,
  computePriorities,
  type PrioritiesOutcome,
  prioritiesCommand,
} from './commands/priorities';
export { computeSpend, type SpendCliOptions, type SpendOutcome, spendCommand } from './commands/spend';
export {
  JSON_KIND_SCHEMAS,
  type ValidateOptions,
  type Validation,
  validateCommand,
  validateText,
} from './commands/validate';
export {
  computeValue,
  TABLE_LINES,
  type ValueOutcome,
  valuationCsv,
  valuationTable,
  valueCommand,
} from './commands/value';
export { computeWellbeing, type WellbeingOutcome, wellbeingCommand } from './commands/wellbeing';
export {
  CLI_HINTS,
  COLUMN_OPTIONS,
  type CsvInput,
  columnsOption,
  DATE_FORMAT_OPTION,
  dateFormatOption,
  fieldsOf,
  headersFor,
  parseColumnsFile,
  parseColumnsSpec,
} from './util/csv-options';
export { type CliIO, INPUT_LIMITS, type InputLimits, nodeIO } from './util/io';
