export { BUILTIN_SCHEMAS, EntriesSchema, ValuationOptionsSchema } from './builtins';
export {
  type JsonSchemaOptions,
  jsonSchema,
  registerSchema,
  type SchemaInfo,
  type SchemaIo,
  schemaInfo,
  schemaNames,
  schemas,
} from './registry';
