export { decodeJsonBytes } from './bytes';
export {
  type ParseOptions,
  parseEntries,
  parseFramework,
  parseValuationOptions,
  parseWith,
} from './read';
