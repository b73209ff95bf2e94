export * from './cells/index';
export * from './entries/index';
export * from './measures/index';
export * from './source/index';
export * from './table/index';
export * from './tokenizer/index';
export * from './writer/index';
export * from './limits/index';
