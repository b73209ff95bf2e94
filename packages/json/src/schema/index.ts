export { BUILTIN_SCHEMAS, EntriesSchema, ValuationOptionsSchema } from './builtins';
export {
  type JsonSchemaOptions,
  jsonSchema,
  registerSchema,
  type SchemaInfo,
  type SchemaIo,
  schemaId,
  schemaInfo,
  schemaNames,
  schemas,
} from './registry';
