/**
 * Commonweal flows: input texts → parse → compute → hash → result document, with no file
 * system, so the command line and a browser page run the same composition and give the same
 * bytes.
 *
 * @packageDocumentation
 */
export * from './carbon/index';
export * from './carbon-budget/index';
export * from './document/index';
export * from './doughnut/index';
export * from './downscale/index';
export * from './evaluate/index';
export { summaryNames } from './evaluate/summary-names';
export * from './inputs/index';
export * from './lm3/index';
export * from './monitor/index';
export * from './ocds/index';
export * from './plan/index';
export * from './portfolio/index';
export * from './priorities/index';
export * from './spend/index';
export * from './validate/index';
export * from './value/index';
export * from './wellbeing/index';
