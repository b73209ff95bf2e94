export {
  JSON_KIND_SCHEMAS,
  VALIDATE_KINDS,
  type ValidateFields,
  type ValidateFlowInput,
  type ValidateFlowOptions,
  type ValidateFlowResult,
  type Validation,
  validateFlow,
  validateText,
} from './validate';
