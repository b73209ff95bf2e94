export { type ValueRange, ValueRangeSchema, wellbyProxy, wellbyValue } from './wellby';
