export {
  type Adjustments,
  AdjustmentsSchema,
  type Framework,
  type FrameworkInput,
  FrameworkSchema,
  type Measure,
  type MeasureInput,
  MeasureSchema,
  type Outcome,
  OutcomeSchema,
  type Proxy,
  ProxySchema,
  type Theme,
  ThemeSchema,
} from './schema';
export {
  checkFramework,
  type FrameworkIssueCode,
  type IssueLocation,
  measureIndex,
  validateFramework,
} from './validate';
