import { z } from 'zod';
import { type Issue, issue, ok, type Result } from '../issues/issues';
import { fromZodError } from '../issues/zod';
import { sha256Hex } from '../trace/sha256';
import { SupplierFlagSchema } from './flags';
import { type Postcode, parsePostcode } from './postcode';

const LEGAL_SUFFIXES = new Set(['ltd', 'limited', 'plc']);

/**
 * Normalises a supplier name for matching: ignores case, accents, punctuation and spacing,
 * reads `&` as `and`, drops a leading "The" and trailing "Ltd", "Limited" or "PLC".
 *
 * @example
 * ```ts
 * normaliseSupplierName('The Smith & Sons Ltd.'); // 'smith and sons'
 * normaliseSupplierName('SMITH AND SONS LIMITED'); // 'smith and sons'
 * ```
 */
export function normaliseSupplierName(name: string): string {
  const tokens = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['’.]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
  while (tokens.length > 1 && LEGAL_SUFFIXES.has(tokens[tokens.length - 1]!)) tokens.pop();
  if (tokens.length > 1 && tokens[0] === 'the') tokens.shift();
  return tokens.join(' ');
}

/**
 * Normalises a supplier id for matching: trimmed, upper case.
 *
 * @example
 * ```ts
 * normaliseSupplierId(' ab12 '); // 'AB12'
 * ```
 */
export function normaliseSupplierId(id: string): string {
  return id.trim().toUpperCase();
}

const OptionalText = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

/**
 * One supplier in a supplier register (CSV columns `supplier_id,supplier_name,postcode,sme,
 * vcse,cooperative`, see {@link SUPPLIER_REGISTER_COLUMNS}). Flags are yes/no; a blank cell is
 * "not known".
 *
 * @example
 * ```ts
 * SupplierRecordSchema.parse({ supplierId: 'S1', supplierName: 'Exe Bakers Ltd', postcode: 'EX1 2AB', sme: 'Y' });
 * ```
 */
export const SupplierRecordSchema = z.object({
  supplierId: OptionalText,
  supplierName: z.string().trim().min(1, 'the supplier name is empty: fill it in'),
  postcode: OptionalText,
  sme: SupplierFlagSchema.optional(),
  vcse: SupplierFlagSchema.optional(),
  cooperative: SupplierFlagSchema.optional(),
  line: z.number().int().min(1).optional(),
});

/**
 * A supplier record as written (strings or booleans).
 *
 * @example
 * ```ts
 * const r: SupplierRecordInput = { supplierId: 'S1', supplierName: 'Exe Bakers Ltd', postcode: 'EX1 2AB', sme: 'Y' };
 * ```
 */
export type SupplierRecordInput = z.input<typeof SupplierRecordSchema>;
/**
 * A parsed supplier record (flags as booleans, blank = not known).
 *
 * @example
 * ```ts
 * const r: SupplierRecord = SupplierRecordSchema.parse({ supplierName: 'Exe Bakers Ltd', sme: 'Y' });
 * r.sme; // true
 * ```
 */
export type SupplierRecord = z.output<typeof SupplierRecordSchema>;

/**
 * The supplier register's CSV columns and the {@link SupplierRecordSchema} property each feeds.
 *
 * @example
 * ```ts
 * SUPPLIER_REGISTER_COLUMNS.supplier_id; // 'supplierId'
 * ```
 */
export const SUPPLIER_REGISTER_COLUMNS = {
  supplier_id: 'supplierId',
  supplier_name: 'supplierName',
  postcode: 'postcode',
  sme: 'sme',
  vcse: 'vcse',
  cooperative: 'cooperative',
} as const;

/**
 * A supplier as held in a register: its matching keys, parsed postcode and flags.
 *
 * @example
 * ```ts
 * const s: SupplierEntry = { key: 'id:S1', supplierId: 'S1', supplierName: 'Exe Bakers Ltd',
 *   normalisedName: 'exe bakers' };
 * ```
 */
export interface SupplierEntry {
  /** Stable key: `id:<ID>` or, for a supplier without an id, `name:<normalised name>`. */
  key: string;
  supplierId?: string;
  supplierName: string;
  normalisedName: string;
  postcode?: Postcode;
  sme?: boolean;
  vcse?: boolean;
  cooperative?: boolean;
}

/**
 * A supplier register ready for matching spend rows by id or normalised name. Names shared by
 * suppliers with different ids are ambiguous and match nothing (rows then need the id).
 *
 * @example
 * ```ts
 * const r = buildSupplierRegister([{ supplierId: 'S1', supplierName: 'Exe Bakers Ltd', postcode: 'EX1 2AB' }]);
 * if (r.ok) r.value.size; // 1
 * ```
 */
export interface SupplierRegister {
  readonly size: number;
  readonly byId: ReadonlyMap<string, SupplierEntry>;
  readonly byName: ReadonlyMap<string, SupplierEntry | null>;
  /** SHA-256 of the canonical accepted records: tells accumulators whether they share a register. */
  readonly signature: string;
  readonly rows: { read: number; accepted: number; rejected: number };
}

/**
 * Builds a {@link SupplierRegister} from supplier records. Invalid records are rejected with
 * an error issue (rows read = accepted + rejected); a repeated id keeps the first record; an
 * invalid postcode is a warning and leaves the supplier's location unknown.
 *
 * @example
 * ```ts
 * const r = buildSupplierRegister([
 *   { supplierId: 'S1', supplierName: 'Exe Bakers Ltd', postcode: 'EX1 2AB', sme: 'Y' },
 *   { supplierName: 'Torbay Co-operative', postcode: 'TQ1 1AA', cooperative: true },
 * ]);
 * r.ok && r.value.rows; // { read: 2, accepted: 2, rejected: 0 }
 * ```
 */
export function buildSupplierRegister(records: Iterable<SupplierRecordInput>): Result<SupplierRegister> {
  const issues: Issue[] = [];
  const byId = new Map<string, SupplierEntry>();
  const named = new Map<string, SupplierEntry[]>();
  const entries: SupplierEntry[] = [];
  let read = 0;
  let rejected = 0;
  for (const input of records) {
    read++;
    const line = typeof input?.line === 'number' ? input.line : undefined;
    const where: Omit<Issue, 'code' | 'message'> = line !== undefined ? { line } : { path: [read - 1] };
    const parsed = SupplierRecordSchema.safeParse(input);
    if (!parsed.success) {
      rejected++;
      for (const i of fromZodError(parsed.error, where)) {
        const f = i.path?.[line !== undefined ? 0 : 1];
        issues.push(typeof f === 'string' ? { ...i, field: f } : i);
      }
      continue;
    }
    const r = parsed.data;
    const normalisedName = normaliseSupplierName(r.supplierName);
    const id = r.supplierId !== undefined ? normaliseSupplierId(r.supplierId) : undefined;
    if (id !== undefined && byId.has(id)) {
      rejected++;
      issues.push(
        issue(
          'supplier_duplicate_id',
          `supplier id ${r.supplierId} appears more than once: the first record is kept; remove or correct this one`,
          {
            ...where,
            field: 'supplierId',
          },
        ),
      );
      continue;
    }
    const entry: SupplierEntry = {
      key: id !== undefined ? `id:${id}` : `name:${normalisedName}`,
      supplierName: r.supplierName,
      normalisedName,
    };
    if (id !== undefined) entry.supplierId = r.supplierId!;
    if (r.postcode !== undefined) {
      const p = parsePostcode(r.postcode);
      if (p.ok) entry.postcode = p.value;
      else
        issues.push(
          issue(
            'supplier_postcode_invalid',
            `${p.reason}: ${r.supplierName}'s location is unknown until it is corrected`,
            {
              ...where,
              field: 'postcode',
              severity: 'warning',
            },
          ),
        );
    }
    if (r.sme !== undefined) entry.sme = r.sme;
    if (r.vcse !== undefined) entry.vcse = r.vcse;
    if (r.cooperative !== undefined) entry.cooperative = r.cooperative;
    if (id !== undefined) byId.set(id, entry);
    entries.push(entry);
    const list = named.get(normalisedName) ?? [];
    list.push(entry);
    named.set(normalisedName, list);
  }
  const byName = new Map<string, SupplierEntry | null>();
  for (const [name, list] of [...named].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (list.length === 1) {
      byName.set(name, list[0]!);
      continue;
    }
    byName.set(name, null);
    issues.push(
      issue(
        'supplier_name_ambiguous',
        `${list.length} suppliers share the name "${list[0]!.supplierName}" (normalised "${name}"): spend rows naming it match only by supplier id`,
        { field: 'supplierName', severity: 'warning' },
      ),
    );
  }
  const canonical = entries
    .map((e) =>
      [
        e.key,
        e.supplierName,
        e.postcode?.unit ?? '',
        String(e.sme ?? ''),
        String(e.vcse ?? ''),
        String(e.cooperative ?? ''),
      ].join('\t'),
    )
    .sort()
    .join('\n');
  return ok(
    {
      size: entries.length,
      byId,
      byName,
      signature: sha256Hex(canonical),
      rows: { read, accepted: read - rejected, rejected },
    },
    issues,
  );
}

/**
 * Finds a spend row's supplier in the register: by id first, then by normalised name.
 *
 * @example
 * ```ts
 * matchSupplier(register, { supplierName: 'EXE BAKERS LIMITED' })?.key; // 'id:S1'
 * ```
 */
export function matchSupplier(
  register: SupplierRegister,
  row: { supplierId?: string | undefined; supplierName: string },
): SupplierEntry | undefined {
  if (row.supplierId !== undefined) {
    const byId = register.byId.get(normaliseSupplierId(row.supplierId));
    if (byId) return byId;
  }
  return register.byName.get(normaliseSupplierName(row.supplierName)) ?? undefined;
}
