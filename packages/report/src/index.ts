export * from './check';
export * from './format';
export * from './html';
export * from './markdown';
export * from './plan';
export * from './portfolio';
export * from './reports';
export * from './svg';
