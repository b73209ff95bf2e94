import { fail, type Issue, issue, ok, type Result } from '../issues/issues';

/**
 * The canonical spend fields a council spend file can map onto `SpendRow`.
 *
 * @example
 * ```ts
 * SPEND_FIELDS.includes('supplierName'); // true
 * ```
 */
export const SPEND_FIELDS = [
  'date',
  'supplierName',
  'supplierId',
  'amount',
  'transactionId',
  'invoiceId',
  'department',
  'expenseType',
  'purpose',
  'cardTransaction',
] as const;

/**
 * A canonical spend field (see {@link SPEND_FIELDS}).
 *
 * @example
 * ```ts
 * const f: SpendField = 'supplierName';
 * ```
 */
export type SpendField = (typeof SPEND_FIELDS)[number];

/**
 * Columns seen in published spend files that are recognised but not carried into a
 * `SpendRow`; a reader may keep them for display or ignore them without warning.
 *
 * @example
 * ```ts
 * SPEND_EXTRA_FIELDS.includes('irrecoverableVat'); // true
 * ```
 */
export const SPEND_EXTRA_FIELDS = [
  'body',
  'bodyName',
  'expenseCode',
  'irrecoverableVat',
  'vatNumber',
  'creditorType',
  'contractId',
  'capitalRevenue',
] as const;

/**
 * A recognised spend column that is not part of a spend row (see {@link SPEND_EXTRA_FIELDS}).
 *
 * @example
 * ```ts
 * const f: SpendExtraField = 'irrecoverableVat';
 * ```
 */
export type SpendExtraField = (typeof SPEND_EXTRA_FIELDS)[number];

/**
 * Whether an amount includes VAT (`inclusive`) or excludes it (`exclusive`, "net").
 *
 * @example
 * ```ts
 * const basis: VatBasis = 'exclusive'; // e.g. Lichfield's "Amount (excl. VAT)"
 * ```
 */
export type VatBasis = 'inclusive' | 'exclusive';

/**
 * The fields every spend file must have.
 *
 * @example
 * ```ts
 * REQUIRED_SPEND_FIELDS; // ['date', 'supplierName', 'amount']
 * ```
 */
export const REQUIRED_SPEND_FIELDS: readonly SpendField[] = ['date', 'supplierName', 'amount'];

/**
 * One header variant: the header as published, the field it maps to, the VAT basis it states
 * (if any) and who publishes it.
 *
 * @example
 * ```ts
 * const a: SpendHeaderAlias = { header: 'Net amount', field: 'amount', vatBasis: 'exclusive', seenIn: 'East Cambridgeshire' };
 * ```
 */
export interface SpendHeaderAlias {
  header: string;
  field: SpendField | SpendExtraField;
  vatBasis?: VatBasis;
  seenIn: string;
}

const DEVON = 'Devon CC';
const ECAMBS = 'East Cambridgeshire DC (LGA-style)';
const CANNOCK = 'Cannock Chase DC';
const LICHFIELD = 'Lichfield DC';
const ODI = 'ODI Leeds council-spending-data';
const LGTC = 'Local Government Transparency Code 2015';
// Seen in published files; sources in packages/csv/src/economy/fixtures/README.md.
const OXFORD = 'Oxford City Council';
const BRADFORD = 'Bradford MDC';
const CALDERDALE = 'Calderdale MBC';
const DARLINGTON = 'Darlington BC';
const NEWCASTLE = 'Newcastle City Council';
const NTYNESIDE = 'North Tyneside Council';
const SALFORD = 'Salford City Council';
const SHEFFIELD = 'Sheffield City Council';
const DURHAM = 'Durham County Council';
const YORK = 'City of York Council';

/**
 * Header variants of real council spend-over-£500 files (economy.md §5–§6: Devon, East
 * Cambridgeshire, Cannock Chase, Lichfield, and the ODI Leeds alias map; and the headers of
 * Oxford, Bradford, Calderdale, Darlington, Newcastle, North Tyneside, Salford, Sheffield,
 * Durham and York files, recorded with their sources in the csv package's spend fixtures). Matching ignores
 * case, whitespace and underscores (see {@link normaliseHeader}), so `Supplier_Name`,
 * `Supplier Name` and `SUPPLIERNAME` are one variant.
 *
 * @example
 * ```ts
 * SPEND_HEADER_ALIASES.filter((a) => a.field === 'amount').map((a) => a.header);
 * ```
 */
export const SPEND_HEADER_ALIASES: readonly SpendHeaderAlias[] = [
  // date
  { header: 'Date', field: 'date', seenIn: `${DEVON}; ${CANNOCK}; ${LICHFIELD}; ${ODI}` },
  { header: 'Transaction date', field: 'date', seenIn: `${ECAMBS}; ${ODI}` },
  { header: 'Payment Date', field: 'date', seenIn: ODI },
  { header: 'Invoice Payment Date', field: 'date', seenIn: ODI },
  { header: 'Date paid', field: 'date', seenIn: ODI },
  { header: 'Pay date', field: 'date', seenIn: ODI },
  { header: 'Date incurred', field: 'date', seenIn: LGTC },
  { header: 'Paid Date', field: 'date', seenIn: `${OXFORD}; ${NEWCASTLE}` },
  { header: 'Date of Payment', field: 'date', seenIn: SALFORD },
  { header: 'GL Date', field: 'date', seenIn: SHEFFIELD },
  // supplier
  // "SupplierName" (ODI) and "Supplier_Name" (Cannock Chase) are the same variant once normalised.
  { header: 'Supplier Name', field: 'supplierName', seenIn: `${DEVON}; ${CANNOCK}; ${LICHFIELD}; ${ODI}` },
  { header: 'Supplier Name(T)', field: 'supplierName', seenIn: ODI },
  { header: 'Beneficiary Name', field: 'supplierName', seenIn: ODI },
  { header: 'Benificiary Name', field: 'supplierName', seenIn: `${ODI} (sic)` },
  { header: 'Supplier (beneficiary)', field: 'supplierName', seenIn: ECAMBS },
  { header: 'Supplier', field: 'supplierName', seenIn: ECAMBS },
  { header: 'Beneficiary', field: 'supplierName', seenIn: LGTC },
  // "Supplier (Beneficiary) Name" (North Tyneside) is the same variant once normalised.
  { header: 'Supplier(Beneficiary) Name', field: 'supplierName', seenIn: `${CALDERDALE}; ${NTYNESIDE}` },
  { header: 'Creditor Name', field: 'supplierName', seenIn: YORK },
  { header: 'Supplier Number', field: 'supplierId', seenIn: BRADFORD },
  { header: 'Supplier ID', field: 'supplierId', seenIn: `${DEVON}; ${CANNOCK}; ${LICHFIELD}` },
  // amount
  { header: 'Amount', field: 'amount', seenIn: `${DEVON}; ${ODI}` },
  // "NetAmount" (ODI) is the same variant once normalised.
  { header: 'Net amount', field: 'amount', vatBasis: 'exclusive', seenIn: `${ECAMBS}; ${ODI}` },
  { header: 'Net Amount £', field: 'amount', vatBasis: 'exclusive', seenIn: ODI },
  { header: 'Amount (excl. VAT)', field: 'amount', vatBasis: 'exclusive', seenIn: LICHFIELD },
  { header: 'SumOfAmount_Exc_VAT', field: 'amount', vatBasis: 'exclusive', seenIn: CANNOCK },
  { header: 'SumOfAmount_Inc_VAT', field: 'amount', vatBasis: 'inclusive', seenIn: CANNOCK },
  {
    header: 'Invoice Line Value (net of VAT)',
    field: 'amount',
    vatBasis: 'exclusive',
    seenIn: DARLINGTON,
  },
  { header: 'Total (excludes VAT)', field: 'amount', vatBasis: 'exclusive', seenIn: NEWCASTLE },
  { header: 'Amount Exc VAT', field: 'amount', vatBasis: 'exclusive', seenIn: DURHAM },
  // Salford also publishes "Gross" and "VAT"; only the net column is the amount.
  { header: 'Net', field: 'amount', vatBasis: 'exclusive', seenIn: SALFORD },
  { header: 'Invoiced Value', field: 'amount', seenIn: SHEFFIELD },
  // references
  {
    header: 'Transaction Number',
    field: 'transactionId',
    seenIn: `${DEVON}; ${ECAMBS}; ${CANNOCK}; ${LICHFIELD}`,
  },
  { header: 'Trans No', field: 'transactionId', seenIn: OXFORD },
  { header: 'Transaction No', field: 'transactionId', seenIn: YORK },
  { header: 'Invoice Number', field: 'invoiceId', seenIn: DEVON },
  // organisational unit
  { header: 'Expense Area', field: 'department', seenIn: `${DEVON}; ${LICHFIELD}` },
  { header: 'Department/service', field: 'department', seenIn: ECAMBS },
  { header: 'Department', field: 'department', seenIn: LGTC },
  { header: 'Service_Area_Categorisation', field: 'department', seenIn: CANNOCK },
  { header: 'Organisational Unit', field: 'department', seenIn: ODI },
  { header: 'Service Area', field: 'department', seenIn: ODI },
  { header: 'Service Label', field: 'department', seenIn: ODI },
  // what was bought
  { header: 'Expense Type', field: 'expenseType', seenIn: `${DEVON}; ${LICHFIELD}` },
  { header: 'Procurement category', field: 'expenseType', seenIn: ECAMBS },
  { header: 'Expenditure Category', field: 'expenseType', seenIn: `${OXFORD}; ${BRADFORD}` },
  { header: 'Purpose', field: 'purpose', seenIn: ECAMBS },
  { header: 'Summary of purpose', field: 'purpose', seenIn: LGTC },
  { header: 'Extended description', field: 'purpose', seenIn: LICHFIELD },
  { header: 'Card transaction', field: 'cardTransaction', seenIn: ECAMBS },
  // recognised, not carried into SpendRow
  { header: 'Body', field: 'body', seenIn: DEVON },
  { header: 'Publisher URI', field: 'body', seenIn: LICHFIELD },
  { header: 'Name of Body', field: 'bodyName', seenIn: DEVON },
  { header: 'Body name', field: 'bodyName', seenIn: `${ECAMBS}; ${ODI}` },
  { header: 'Organisation Label', field: 'bodyName', seenIn: ODI },
  { header: 'Publisher label', field: 'bodyName', seenIn: LICHFIELD },
  { header: 'Expense Code', field: 'expenseCode', seenIn: `${DEVON}; ${LICHFIELD}` },
  { header: 'CIPFA expenditure code', field: 'expenseCode', seenIn: ECAMBS },
  { header: 'Expenditure Code', field: 'expenseCode', seenIn: `${OXFORD}; ${BRADFORD}` },
  { header: 'Client', field: 'bodyName', seenIn: OXFORD },
  { header: 'Type of Expenditure', field: 'capitalRevenue', seenIn: OXFORD },
  { header: 'Irrecoverable VAT', field: 'irrecoverableVat', seenIn: `${ECAMBS}; ${LGTC}` },
  { header: 'Vat Reg No', field: 'vatNumber', seenIn: DEVON },
  { header: 'Creditor Type', field: 'creditorType', seenIn: DEVON },
  { header: 'Contract_ID', field: 'contractId', seenIn: CANNOCK },
  { header: 'Capital_Revenue', field: 'capitalRevenue', seenIn: CANNOCK },
];

/**
 * Normalises a header for matching: strips a UTF-8 BOM, lowercases, treats `_` as a space and
 * removes all whitespace.
 *
 * @example
 * ```ts
 * normaliseHeader('\uFEFFSupplier_Name '); // 'suppliername'
 * ```
 */
export function normaliseHeader(header: string): string {
  return header
    .replace(/^\uFEFF/, '')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/_/g, ' ')
    .replace(/\s+/g, '');
}

const ALIAS_INDEX: ReadonlyMap<string, SpendHeaderAlias> = new Map(
  SPEND_HEADER_ALIASES.map((a) => [normaliseHeader(a.header), a]),
);

/**
 * Options for {@link mapSpendHeaders}.
 *
 * @example
 * ```ts
 * const o: MapSpendHeadersOptions = { vatBasis: 'exclusive', columns: { date: 'Payment Date' }, file: 'spend.csv' };
 * ```
 */
export interface MapSpendHeadersOptions {
  /** The file's VAT basis, required to choose between an inclusive and an exclusive amount column. */
  vatBasis?: VatBasis;
  /** Name the column for a field explicitly (header text or 0-based index); wins over aliases. */
  columns?: Partial<Record<SpendField | SpendExtraField, string | number>>;
  /** Extra header variants for this publisher, checked before the built-in ones. */
  aliases?: readonly SpendHeaderAlias[];
  /** File name to put on issues. */
  file?: string;
  /**
   * How messages tell the user to name a field's column (default `columns.<field>`, the option
   * above; a command line names its own flag, e.g. `--columns date="<header>"`).
   */
  nameColumn?: (field: string) => string;
  /** How messages tell the user to declare the VAT basis (default `vatBasis`; the CLI: `--vat-basis inc|exc`). */
  nameVatBasis?: string;
}

/**
 * How a spend file's header maps onto `SpendRow`: the column index per field, the
 * original header per field (for the trace), the file's VAT basis if the header states it,
 * and the columns left unmapped.
 *
 * @example
 * ```ts
 * const m: SpendHeaderMapping = { mapping: { date: 0, supplierName: 1, amount: 2 },
 *   extras: {}, headers: { date: 'Date', supplierName: 'Supplier Name', amount: 'Net amount' },
 *   vatBasis: 'exclusive', unmapped: [] };
 * ```
 */
export interface SpendHeaderMapping {
  mapping: Partial<Record<SpendField, number>>;
  extras: Partial<Record<SpendExtraField, number>>;
  headers: Partial<Record<SpendField | SpendExtraField, string>>;
  vatBasis?: VatBasis;
  unmapped: { index: number; header: string }[];
}

const isSpendField = (f: string): f is SpendField => (SPEND_FIELDS as readonly string[]).includes(f);

/**
 * Maps a spend file's header row onto the canonical {@link SpendField}s, using the published
 * variants in {@link SPEND_HEADER_ALIASES} (case-, whitespace- and underscore-insensitive).
 *
 * Two columns mapping to one field are an issue, never a guess: for the amount (e.g. Cannock
 * Chase's `SumOfAmount_Inc_VAT` / `SumOfAmount_Exc_VAT`) declare `vatBasis` to choose; for other
 * fields name the column in `columns`. A missing date, supplier name or amount fails the file.
 * Line 1 is assumed for issues (the header row).
 *
 * @example
 * ```ts
 * const r = mapSpendHeaders(['Date', 'Transaction_Number', 'SumOfAmount_Inc_VAT', 'SumOfAmount_Exc_VAT',
 *   'Supplier_Name', 'Supplier_ID'], { vatBasis: 'exclusive' });
 * if (r.ok) r.value.mapping; // { date: 0, transactionId: 1, amount: 3, supplierName: 4, supplierId: 5 }
 * ```
 */
export function mapSpendHeaders(
  headers: readonly string[],
  options: MapSpendHeadersOptions = {},
): Result<SpendHeaderMapping> {
  const issues: Issue[] = [];
  const where = (column?: number, field?: string): Omit<Issue, 'code' | 'message'> => {
    const w: Omit<Issue, 'code' | 'message'> = { line: 1 };
    if (options.file !== undefined) w.file = options.file;
    if (column !== undefined) w.column = column + 1;
    if (field !== undefined) w.field = field;
    return w;
  };
  const name = options.nameColumn ?? ((f: string) => `columns.${f}`);
  const vatName = options.nameVatBasis ?? 'vatBasis';
  const own = new Map((options.aliases ?? []).map((a) => [normaliseHeader(a.header), a]));
  const norm = headers.map(normaliseHeader);

  // Explicit column choices first.
  const chosen = new Map<string, number>();
  for (const [field, col] of Object.entries(options.columns ?? {})) {
    if (col === undefined) continue;
    const index = typeof col === 'number' ? col : norm.indexOf(normaliseHeader(col));
    if (index < 0 || index >= headers.length || !Number.isInteger(index)) {
      issues.push(
        issue(
          'header_not_found',
          `column "${String(col)}" chosen for ${field} is not in the header row (${headers.map((h) => `"${h}"`).join(', ')}): check its spelling in ${name(field)}`,
          where(undefined, field),
        ),
      );
      continue;
    }
    chosen.set(field, index);
  }
  const taken = new Set(chosen.values());

  // Candidates per field from the alias tables.
  const candidates = new Map<string, { index: number; alias: SpendHeaderAlias }[]>();
  const unmapped: { index: number; header: string }[] = [];
  headers.forEach((h, index) => {
    if (taken.has(index)) return;
    const key = norm[index]!;
    const alias = own.get(key) ?? ALIAS_INDEX.get(key);
    if (!alias || key === '') {
      unmapped.push({ index, header: h });
      return;
    }
    const list = candidates.get(alias.field) ?? [];
    list.push({ index, alias });
    candidates.set(alias.field, list);
  });

  const mapping: Partial<Record<SpendField, number>> = {};
  const extras: Partial<Record<SpendExtraField, number>> = {};
  const original: Partial<Record<SpendField | SpendExtraField, string>> = {};
  let vatBasis: VatBasis | undefined;
  const put = (field: string, index: number, basis?: VatBasis) => {
    if (isSpendField(field)) mapping[field] = index;
    else extras[field as SpendExtraField] = index;
    original[field as SpendField] = headers[index]!;
    if (field === 'amount' && basis) vatBasis = basis;
  };

  for (const [field, index] of chosen) {
    const alias = own.get(norm[index]!) ?? ALIAS_INDEX.get(norm[index]!);
    put(field, index, field === 'amount' ? alias?.vatBasis : undefined);
    for (const c of candidates.get(field) ?? []) unmapped.push({ index: c.index, header: headers[c.index]! });
    candidates.delete(field);
  }

  for (const [field, list] of candidates) {
    if (list.length === 1) {
      put(field, list[0]!.index, list[0]!.alias.vatBasis);
      continue;
    }
    const names = list.map((c) => `"${headers[c.index]}"`).join(' and ');
    if (field === 'amount' && options.vatBasis) {
      const match = list.filter((c) => c.alias.vatBasis === options.vatBasis);
      if (match.length === 1) {
        put(field, match[0]!.index, options.vatBasis);
        for (const c of list)
          if (c !== match[0]) unmapped.push({ index: c.index, header: headers[c.index]! });
        continue;
      }
      issues.push(
        issue(
          'header_ambiguous',
          `columns ${names} both give the amount and none is uniquely ${options.vatBasis} of VAT: name the amount column with ${name('amount')}`,
          where(list[0]!.index, field),
        ),
      );
      continue;
    }
    const hint =
      field === 'amount' && list.some((c) => c.alias.vatBasis)
        ? `declare ${vatName} ("inclusive" or "exclusive") to choose one`
        : `name the column to use with ${name(field)}`;
    const sev: Omit<Issue, 'code' | 'message'> = isSpendField(field)
      ? where(list[0]!.index, field)
      : { ...where(list[0]!.index, field), severity: 'warning' };
    issues.push(issue('header_ambiguous', `columns ${names} both map to ${field}: ${hint}`, sev));
    if (!isSpendField(field)) put(field, list[0]!.index);
  }

  if (mapping.amount !== undefined && options.vatBasis) {
    if (vatBasis && vatBasis !== options.vatBasis) {
      issues.push(
        issue(
          'vat_basis_mismatch',
          `the amount column "${headers[mapping.amount]}" is ${vatBasis} of VAT but vatBasis was declared ${options.vatBasis}: check which basis the file uses`,
          where(mapping.amount, 'amount'),
        ),
      );
    }
    vatBasis = options.vatBasis;
  } else if (mapping.amount !== undefined && !vatBasis) {
    issues.push(
      issue(
        'vat_basis_unknown',
        `the amount column "${headers[mapping.amount]}" does not say whether VAT is included: declare ${vatName} so totals are never mixed`,
        { ...where(mapping.amount, 'amount'), severity: 'warning' },
      ),
    );
  }

  const ambiguous = new Set(issues.filter((i) => i.code === 'header_ambiguous').map((i) => i.field));
  for (const field of REQUIRED_SPEND_FIELDS) {
    if (mapping[field] !== undefined || ambiguous.has(field)) continue;
    const seen = SPEND_HEADER_ALIASES.filter((a) => a.field === field).map((a) => `"${a.header}"`);
    issues.push(
      issue(
        'header_missing',
        `no column gives the ${field}: expected one of ${seen.join(', ')}, or name it with ${name(field)}`,
        where(undefined, field),
      ),
    );
  }

  if (issues.some((i) => i.severity !== 'warning')) return fail(issues);
  unmapped.sort((a, b) => a.index - b.index);
  const value: SpendHeaderMapping = { mapping, extras, headers: original, unmapped };
  if (vatBasis) value.vatBasis = vatBasis;
  return ok(value, issues);
}
