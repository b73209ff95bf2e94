export * from './carbon-budget';
export * from './check';
export * from './format';
export * from './html';
export * from './markdown';
export * from './reports';
export * from './svg';
