export * from './canonical/index';
export * from './hash/index';
export * from './ocds/index';
export * from './parse/index';
export * from './read/index';
export * from './schema/index';
