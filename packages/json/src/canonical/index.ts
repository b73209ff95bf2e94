export { type CanonicalOptions, canonicalDecimal, canonicalStringify } from './canonical';
