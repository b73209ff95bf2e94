/**
 * Commonweal flows: input texts → parse → compute → hash → result document, with no file
 * system, so the command line and a browser page run the same composition and give the same
 * bytes.
 *
 * @packageDocumentation
 */
export * from './document/index';
export * from './doughnut/index';
export * from './downscale/index';
export * from './evaluate/index';
export * from './inputs/index';
