export { checkJsonValue, isPlainObject } from './check';
export {
  FORBIDDEN_KEYS,
  JSON_LIMITS,
  type JsonIssueCode,
  type JsonLocation,
  locateJsonPaths,
  type SafeParseJsonOptions,
  safeParseJson,
} from './safe-parse';
