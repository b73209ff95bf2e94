import { canonicalStringify, jsonSchema, schemaInfo, schemaNames } from '@commonweal/json';
import type { Command } from '../command';
import { UsageError } from '../util/io';
import { emit } from '../util/output';

/**
 * `commonweal schema <name>`: prints the JSON Schema of an input or output format
 * (`commonweal schema --list` lists them).
 *
 * @example
 * ```sh
 * commonweal schema valuation-output > valuation-output.schema.json
 * ```
 */
export const schemaCommand: Command = {
  name: 'schema',
  summary: 'Print the JSON Schema of an input or output format',
  usage: 'commonweal schema <name> [--out FILE] | commonweal schema --list',
  positionals: [{ name: 'name', required: false, description: 'A format name (see --list)' }],
  options: {
    list: { type: 'boolean', short: 'l', description: 'List the format names with what each describes' },
    out: {
      type: 'string',
      short: 'o',
      value: 'FILE',
      description: 'Write the schema to FILE instead of stdout',
    },
  },
  examples: [
    'commonweal schema --list',
    'commonweal schema valuation-output',
    'commonweal schema framework --out framework.schema.json',
  ],
  async run({ values, positionals }, io) {
    const names = schemaNames();
    const name = positionals[0];
    if (values.list || !name) {
      const width = names.map((n) => n.length).reduce((m, v) => Math.max(m, v), -Infinity);
      io.stdout(`${names.map((n) => `${n.padEnd(width)}  ${schemaInfo(n).description}`).join('\n')}\n`);
      return 0;
    }
    if (!names.includes(name)) {
      throw new UsageError(`no format named '${name}'; choose one of: ${names.join(', ')}`);
    }
    emit(
      io,
      canonicalStringify(jsonSchema(name), { indent: 2, finalNewline: true }),
      values.out,
      Boolean(values.quiet),
    );
    return 0;
  },
};
