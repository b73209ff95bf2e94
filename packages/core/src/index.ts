export * from './economy/index';
export * from './framework/index';
export * from './issues/index';
export * from './limits/index';
export * from './money/index';
export * from './procurement/index';
export * from './trace/index';
export * from './valuation/index';
