export * from './check';
export * from './format';
export * from './html';
export * from './svg';
export * from './markdown';
