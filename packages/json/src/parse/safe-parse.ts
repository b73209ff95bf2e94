import { CommonwealError, fail, type Issue, ok, type Result } from '@commonweal/core/issues';

/**
 * Limits and location for {@link safeParseJson} (and {@link parseWith}). Every limit that is
 * exceeded is answered with an issue, never a crash.
 *
 * @example
 * ```ts
 * const options: SafeParseJsonOptions = { file: 'framework.json', maxDepth: 64 };
 * safeParseJson('{"a":[1]}', options);
 * ```
 */
export interface SafeParseJsonOptions {
  /** Deepest nesting of objects and arrays (the root container is level 1). Default 256. */
  maxDepth?: number;
  /** Longest text, in characters (UTF-16 code units; bytes for ASCII JSON). Default 64 MiB, the command line's per-file limit, so that limit (and its message) comes first. */
  maxLength?: number;
  /** Longest string, property name or number literal, in characters after unescaping. Default 1 MiB. */
  maxStringLength?: number;
  /** Most properties in one object. Default 100,000. */
  maxKeys?: number;
  /** Stop after this many issues (forbidden and duplicate keys are collected before stopping). Default 100. */
  maxIssues?: number;
  /** File name put on every issue. */
  file?: string;
}

/**
 * Default limits of {@link safeParseJson}.
 *
 * @example
 * ```ts
 * JSON_LIMITS.maxDepth; // 256
 * ```
 */
export const JSON_LIMITS = {
  maxDepth: 256,
  maxLength: 64 * 1024 * 1024,
  maxStringLength: 1024 * 1024,
  maxKeys: 100_000,
  maxIssues: 100,
} as const;

/**
 * Property names that are refused wherever they appear (after unescaping, so `"\u005f_proto__"`
 * is refused too): they are the gadgets of prototype-pollution attacks.
 *
 * @example
 * ```ts
 * FORBIDDEN_KEYS.has('__proto__'); // true
 * ```
 */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * The issue codes the JSON reader answers with.
 *
 * @example
 * ```ts
 * const code: JsonIssueCode = 'forbidden_key';
 * ```
 */
export type JsonIssueCode =
  | 'empty_input'
  | 'syntax_error'
  | 'trailing_comma'
  | 'comment_not_allowed'
  | 'non_finite_number'
  | 'too_long'
  | 'too_deep'
  | 'string_too_long'
  | 'too_many_keys'
  | 'too_many_issues'
  | 'duplicate_key'
  | 'forbidden_key'
  | 'not_json'
  | 'cycle';

type Limits = Required<Omit<SafeParseJsonOptions, 'file'>>;

/**
 * Where a value starts in JSON text: 1-based line and column (UTF-16 code units).
 *
 * @example
 * ```ts
 * const at: JsonLocation = { line: 3, column: 15 };
 * ```
 */
export interface JsonLocation {
  line: number;
  column: number;
}

type ArrayFrame = { kind: 'array'; value: unknown[] };
type ObjectFrame = {
  kind: 'object';
  value: Record<string, unknown>;
  key: string;
  keep: boolean;
  count: number;
};
type Frame = ArrayFrame | ObjectFrame;

/** Internal: aborts the parse with one final issue. Never escapes this module. */
class Stop {
  constructor(readonly issue: Issue) {}
}

const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const MINUS = 0x2d;

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function describeChar(text: string, pos: number): string {
  const cp = text.codePointAt(pos) ?? 0;
  if (cp > 0x20 && cp < 0x7f) return `"${String.fromCodePoint(cp)}"`;
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}

function resolveLimits(options: SafeParseJsonOptions): Limits {
  return {
    maxDepth: options.maxDepth ?? JSON_LIMITS.maxDepth,
    maxLength: options.maxLength ?? JSON_LIMITS.maxLength,
    maxStringLength: options.maxStringLength ?? JSON_LIMITS.maxStringLength,
    maxKeys: options.maxKeys ?? JSON_LIMITS.maxKeys,
    maxIssues: options.maxIssues ?? JSON_LIMITS.maxIssues,
  };
}

/**
 * An iterative (explicit-stack) JSON reader: nesting depth never touches the call stack.
 * Newlines can only occur in whitespace (a raw newline in a string is an error), so line and
 * column are tracked while skipping whitespace at no extra cost.
 */
class Parser {
  private pos = 0;
  private line = 1;
  private lineStart = 0;
  private readonly stack: Frame[] = [];
  readonly issues: Issue[] = [];
  readonly found = new Map<string, JsonLocation>();
  private readonly wantDepth: number;

  constructor(
    private readonly text: string,
    private readonly limits: Limits,
    private readonly file: string | undefined,
    private readonly want?: ReadonlySet<string>,
    wantDepth = -1,
  ) {
    this.wantDepth = wantDepth;
    if (text.charCodeAt(0) === 0xfeff) {
      // A byte-order mark is accepted and stripped; columns do not count it.
      this.pos = 1;
      this.lineStart = 1;
    }
  }

  parse(): unknown {
    const text = this.text;
    this.skipWs();
    if (this.pos >= text.length) {
      throw this.stop('empty_input', 'the JSON text is empty: supply a JSON value such as {} or []');
    }
    for (;;) {
      // Expecting a value at this.pos (whitespace already skipped).
      if (this.want) this.mark();
      const c = text.charCodeAt(this.pos);
      let value: unknown;
      if (c === OPEN_BRACE) {
        const frame: ObjectFrame = { kind: 'object', value: {}, key: '', keep: false, count: 0 };
        this.push(frame);
        this.pos++;
        this.skipWs();
        if (text.charCodeAt(this.pos) === CLOSE_BRACE) {
          this.pos++;
          this.stack.pop();
          value = frame.value;
        } else {
          this.readKey(frame);
          continue;
        }
      } else if (c === OPEN_BRACKET) {
        const frame: ArrayFrame = { kind: 'array', value: [] };
        this.push(frame);
        this.pos++;
        this.skipWs();
        if (text.charCodeAt(this.pos) === CLOSE_BRACKET) {
          this.pos++;
          this.stack.pop();
          value = frame.value;
        } else continue;
      } else {
        value = this.scalar(c);
      }
      // A value is complete: attach it, then close every container that ends here.
      for (;;) {
        const top = this.stack[this.stack.length - 1];
        if (!top) {
          this.skipWs();
          if (this.pos < text.length) this.unexpected('the end of the JSON text (only one value is allowed)');
          return value;
        }
        if (top.kind === 'array') top.value.push(value);
        else if (top.keep) top.value[top.key] = value;
        this.skipWs();
        const d = text.charCodeAt(this.pos);
        if (d === COMMA) {
          this.pos++;
          this.skipWs();
          const e = text.charCodeAt(this.pos);
          if (e === CLOSE_BRACKET || e === CLOSE_BRACE) {
            throw this.stop(
              'trailing_comma',
              'a comma is followed by a closing bracket: remove the trailing comma',
            );
          }
          if (top.kind === 'object') this.readKey(top);
          break;
        }
        if ((top.kind === 'array' && d === CLOSE_BRACKET) || (top.kind === 'object' && d === CLOSE_BRACE)) {
          this.pos++;
          this.stack.pop();
          value = top.value;
          continue;
        }
        this.unexpected(top.kind === 'array' ? "',' or ']'" : "',' or '}'");
      }
    }
  }

  private push(frame: Frame): void {
    if (this.stack.length >= this.limits.maxDepth) {
      throw this.stop(
        'too_deep',
        `the JSON nests deeper than ${this.limits.maxDepth} levels: flatten the data, or raise maxDepth if it is trusted`,
      );
    }
    this.stack.push(frame);
  }

  private skipWs(): void {
    const text = this.text;
    for (;;) {
      const c = text.charCodeAt(this.pos);
      if (c === 0x20 || c === 0x09) this.pos++;
      else if (c === 0x0a) {
        this.pos++;
        this.line++;
        this.lineStart = this.pos;
      } else if (c === 0x0d) {
        this.pos++;
        if (text.charCodeAt(this.pos) === 0x0a) this.pos++;
        this.line++;
        this.lineStart = this.pos;
      } else return;
    }
  }

  private path(): (string | number)[] {
    return this.stack.map((f) => (f.kind === 'array' ? f.value.length : f.key));
  }

  /** Tokens never span lines (strings cannot hold a raw line break), so `pos` is on the current line. */
  private where(pos: number): Omit<Issue, 'code' | 'message'> {
    const w: Omit<Issue, 'code' | 'message'> = { line: this.line, column: pos - this.lineStart + 1 };
    const path = this.path();
    if (path.length) w.path = path;
    if (this.file !== undefined) w.file = this.file;
    return w;
  }

  private stop(code: JsonIssueCode, message: string, pos = this.pos): Stop {
    return new Stop({ code, message, ...this.where(pos) });
  }

  private report(code: JsonIssueCode, message: string, pos: number): void {
    this.issues.push({ code, message, ...this.where(pos) });
    if (this.issues.length >= this.limits.maxIssues) {
      throw this.stop(
        'too_many_issues',
        `stopped after ${this.issues.length} issues: fix these and read the file again`,
      );
    }
  }

  private mark(): void {
    if (this.stack.length > this.wantDepth) return;
    const key = JSON.stringify(this.path());
    if (this.want?.has(key) && !this.found.has(key)) {
      this.found.set(key, { line: this.line, column: this.pos - this.lineStart + 1 });
    }
  }

  private readKey(frame: ObjectFrame): void {
    const text = this.text;
    if (text.charCodeAt(this.pos) !== QUOTE) this.unexpected('a property name in double quotes');
    const at = this.pos;
    const key = this.readString();
    frame.count++;
    frame.key = key;
    frame.keep = false;
    if (frame.count > this.limits.maxKeys) {
      throw this.stop(
        'too_many_keys',
        `an object has more than ${this.limits.maxKeys} properties: split the data, or raise maxKeys if it is trusted`,
        at,
      );
    }
    if (FORBIDDEN_KEYS.has(key)) {
      this.report(
        'forbidden_key',
        `the property name "${key}" is not allowed (it could tamper with JavaScript objects): rename or remove it`,
        at,
      );
    } else if (Object.hasOwn(frame.value, key)) {
      this.report(
        'duplicate_key',
        `the property "${key}" appears more than once in this object: keep only one`,
        at,
      );
    } else {
      frame.keep = true;
    }
    this.skipWs();
    if (text.charCodeAt(this.pos) !== COLON) this.unexpected(`':' after the property name "${key}"`);
    this.pos++;
    this.skipWs();
  }

  private scalar(c: number): unknown {
    const text = this.text;
    if (c === QUOTE) return this.readString();
    if (c === MINUS || isDigit(c)) return this.readNumber();
    if (text.startsWith('true', this.pos)) return this.literal(4, true);
    if (text.startsWith('false', this.pos)) return this.literal(5, false);
    if (text.startsWith('null', this.pos)) return this.literal(4, null);
    if (c === 0x2b) {
      throw this.stop('syntax_error', "a number cannot start with '+': remove the plus sign");
    }
    if (c === 0x2e) {
      throw this.stop('syntax_error', "a number cannot start with '.': write 0.5, not .5");
    }
    return this.unexpected('a value (an object, array, string, number, true, false or null)');
  }

  private literal(length: number, value: boolean | null): boolean | null {
    const next = this.text.charCodeAt(this.pos + length);
    if (isDigit(next) || next === 0x24 || next === 0x5f || ((next | 0x20) >= 0x61 && (next | 0x20) <= 0x7a)) {
      return this.unexpected('a value');
    }
    this.pos += length;
    return value;
  }

  private nonFinite(word: string): never {
    throw this.stop(
      'non_finite_number',
      `${word} is not allowed in JSON (numbers must be finite): write a finite number, e.g. "1234.50", or leave the property out`,
    );
  }

  private unexpected(expected: string): never {
    const text = this.text;
    if (this.pos >= text.length) {
      throw this.stop(
        'syntax_error',
        `the JSON text ends too early: expected ${expected}. The file may be cut short, or a bracket or quote is missing`,
      );
    }
    const c = text[this.pos];
    const next = text[this.pos + 1];
    if (c === '/' && (next === '/' || next === '*')) {
      throw this.stop('comment_not_allowed', 'comments are not allowed in JSON: remove the comment');
    }
    if (c === "'") {
      throw this.stop(
        'syntax_error',
        `strings and property names must be in double quotes ("), not single quotes: expected ${expected}`,
      );
    }
    const word = /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(text.slice(this.pos, this.pos + 64))?.[0];
    if (word === 'NaN' || word === 'Infinity') this.nonFinite(word);
    if (word === 'undefined') {
      throw this.stop('syntax_error', 'undefined is not a JSON value: write null, or leave the property out');
    }
    if (word) {
      throw this.stop(
        'syntax_error',
        `unexpected word "${word}": expected ${expected}; text must be in double quotes, e.g. "${word}"`,
      );
    }
    throw this.stop(
      'syntax_error',
      `unexpected character ${describeChar(text, this.pos)}: expected ${expected}`,
    );
  }

  private readString(): string {
    const text = this.text;
    const start = this.pos;
    this.pos++;
    let out = '';
    let run = this.pos;
    for (;;) {
      if (this.pos >= text.length) {
        throw this.stop('syntax_error', 'a string is not closed: add the closing double quote (")', start);
      }
      const c = text.charCodeAt(this.pos);
      if (c === QUOTE) {
        out += text.slice(run, this.pos);
        this.pos++;
        break;
      }
      if (c === BACKSLASH) {
        out += text.slice(run, this.pos);
        out += this.readEscape();
        run = this.pos;
        if (out.length > this.limits.maxStringLength) this.tooLong(start);
        continue;
      }
      if (c < 0x20) {
        if (c === 0x0a || c === 0x0d) {
          throw this.stop(
            'syntax_error',
            'a string runs past the end of the line: close it with a double quote ("), or write the line break as \\n',
          );
        }
        const hex = c.toString(16).toUpperCase().padStart(4, '0');
        throw this.stop(
          'syntax_error',
          `a string contains the control character U+${hex}: write it as \\u${hex}`,
        );
      }
      this.pos++;
    }
    if (out.length > this.limits.maxStringLength) this.tooLong(start);
    return out;
  }

  private tooLong(start: number): never {
    throw this.stop(
      'string_too_long',
      `a string is longer than ${this.limits.maxStringLength} characters: shorten it, or raise maxStringLength if it is trusted`,
      start,
    );
  }

  private readEscape(): string {
    const text = this.text;
    const e = text[this.pos + 1];
    this.pos += 2;
    switch (e) {
      case '"':
        return '"';
      case '\\':
        return '\\';
      case '/':
        return '/';
      case 'b':
        return '\b';
      case 'f':
        return '\f';
      case 'n':
        return '\n';
      case 'r':
        return '\r';
      case 't':
        return '\t';
      case 'u': {
        const hex = text.slice(this.pos, this.pos + 4);
        if (!/^[0-9A-Fa-f]{4}$/.test(hex)) {
          throw this.stop(
            'syntax_error',
            'a \\u escape needs four hex digits, e.g. \\u00A3 for £',
            this.pos - 2,
          );
        }
        this.pos += 4;
        return String.fromCharCode(Number.parseInt(hex, 16));
      }
      default:
        throw this.stop(
          'syntax_error',
          e === undefined
            ? 'a string is not closed: add the closing double quote (")'
            : `\\${e} is not a JSON escape: write \\\\ for a backslash`,
          this.pos - 2,
        );
    }
  }

  private readNumber(): number | string {
    const text = this.text;
    const start = this.pos;
    if (text.charCodeAt(this.pos) === MINUS) {
      this.pos++;
      if (text.startsWith('Infinity', this.pos)) this.nonFinite('-Infinity');
    }
    const c = text.charCodeAt(this.pos);
    if (c === 0x30) {
      this.pos++;
      if (isDigit(text.charCodeAt(this.pos))) {
        throw this.stop(
          'syntax_error',
          'a number cannot have leading zeros: write 7, not 07 (write a code such as "07" as a string)',
          start,
        );
      }
    } else if (isDigit(c)) {
      while (isDigit(text.charCodeAt(this.pos))) this.pos++;
    } else {
      throw this.stop('syntax_error', "'-' must be followed by a digit", start);
    }
    let integer = true;
    if (text.charCodeAt(this.pos) === 0x2e) {
      this.pos++;
      if (!isDigit(text.charCodeAt(this.pos))) {
        throw this.stop(
          'syntax_error',
          'a decimal point must be followed by digits: write 1.0 or 1, not 1.',
          start,
        );
      }
      while (isDigit(text.charCodeAt(this.pos))) this.pos++;
      integer = false;
    }
    const e = text.charCodeAt(this.pos);
    if (e === 0x65 || e === 0x45) {
      this.pos++;
      const s = text.charCodeAt(this.pos);
      if (s === 0x2b || s === MINUS) this.pos++;
      if (!isDigit(text.charCodeAt(this.pos))) {
        throw this.stop('syntax_error', 'an exponent must have digits: write 1e3, not 1e', start);
      }
      while (isDigit(text.charCodeAt(this.pos))) this.pos++;
      integer = false;
    }
    if (this.pos - start > this.limits.maxStringLength) this.tooLong(start);
    const literal = text.slice(start, this.pos);
    if (integer) {
      const n = Number(literal);
      // -0 is read as 0: the sign of an integer zero carries no meaning.
      if (Number.isSafeInteger(n)) return n === 0 ? 0 : n;
    }
    return literal;
  }
}

function checkLength(text: string, limits: Limits, file: string | undefined): Issue | undefined {
  if (typeof text !== 'string') {
    throw new CommonwealError(
      'not_a_string',
      `safeParseJson expects a string, got ${typeof (text as unknown)}`,
    );
  }
  if (text.length <= limits.maxLength) return undefined;
  const i: Issue = {
    code: 'too_long',
    message: `the JSON text is ${text.length} characters, more than the limit of ${limits.maxLength}: split the data (from the API, maxLength raises this limit for trusted text)`,
  };
  if (file !== undefined) i.file = file;
  return i;
}

/**
 * Reads untrusted JSON text safely, answering every problem with a located `Issue`
 * (code, message saying what to do, `line`, `column`, `path`, and `file` when given).
 *
 * - **Prototype pollution:** objects are ordinary `{}` objects, but the property names
 *   `__proto__`, `constructor` and `prototype` ({@link FORBIDDEN_KEYS}) are refused at any depth,
 *   also when written with escapes, with a `forbidden_key` issue; such a member is never assigned.
 * - **Exact numbers:** an integer literal within ±`Number.MAX_SAFE_INTEGER` becomes a number
 *   (`-0` becomes `0`). Every other number literal — fractions (`0.1`), exponents (`1e400`), big
 *   integers — is returned as its source text, a string, so a decimal never passes through a
 *   binary float (core's `DecimalInputSchema` reads such strings). `NaN`, `Infinity` and
 *   `-Infinity` are refused (`non_finite_number`); the strings `"NaN"` and `"Infinity"` stay strings.
 * - **Limits** ({@link JSON_LIMITS}): depth, text length, string length, keys per object; the
 *   parser is iterative, so even 100,000 levels of nesting give an issue, not a stack overflow.
 * - **Strict JSON:** duplicate keys (`duplicate_key`), trailing commas (`trailing_comma`),
 *   comments (`comment_not_allowed`) and other syntax errors (`syntax_error`) are issues. A
 *   leading byte-order mark is accepted and stripped. Syntax errors stop the reading with one
 *   issue; forbidden and duplicate keys are all collected (up to `maxIssues`).
 *
 * Lines count `\n`, `\r\n` and a lone `\r`; columns count UTF-16 code units from 1.
 *
 * @example
 * ```ts
 * const r = safeParseJson('{"quantity": 0.1, "year": 2025}');
 * if (r.ok) r.value; // { quantity: '0.1', year: 2025 }
 *
 * safeParseJson('{"__proto__": {"polluted": true}}').issues[0]?.code; // 'forbidden_key'
 * safeParseJson('[1, 2,]').issues[0]; // { code: 'trailing_comma', line: 1, column: 7, path: [2], ... }
 * ```
 */
export function safeParseJson(text: string, options: SafeParseJsonOptions = {}): Result<unknown> {
  const limits = resolveLimits(options);
  const tooLong = checkLength(text, limits, options.file);
  if (tooLong) return fail([tooLong]);
  const parser = new Parser(text, limits, options.file);
  try {
    const value = parser.parse();
    return parser.issues.length ? fail(parser.issues) : ok(value);
  } catch (e) {
    if (e instanceof Stop) return fail([...parser.issues, e.issue]);
    throw e;
  }
}

/**
 * Finds where values sit in JSON text: for each path (as zod and issues write it, e.g.
 * `['measures', 0, 'proxy']`) the line and column where its value starts. A path that is not in
 * the text falls back to its deepest ancestor that is. Used to put lines and columns on schema
 * issues; costs one more pass over the text, so it is run only when there is something to locate.
 *
 * @example
 * ```ts
 * const at = locateJsonPaths('{\n  "a": [10, 20]\n}', [['a', 1]]);
 * at.get(JSON.stringify(['a', 1])); // { line: 2, column: 12 }
 * ```
 */
export function locateJsonPaths(
  text: string,
  paths: readonly (readonly (string | number)[])[],
  options: SafeParseJsonOptions = {},
): Map<string, JsonLocation> {
  const want = new Set<string>();
  let depth = -1;
  for (const p of paths) {
    depth = Math.max(depth, p.length);
    for (let n = 0; n <= p.length; n++) want.add(JSON.stringify(p.slice(0, n)));
  }
  const limits = resolveLimits(options);
  const out = new Map<string, JsonLocation>();
  if (checkLength(text, limits, options.file)) return out;
  const parser = new Parser(
    text,
    { ...limits, maxIssues: Number.POSITIVE_INFINITY },
    options.file,
    want,
    depth,
  );
  try {
    parser.parse();
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
  }
  for (const p of paths) {
    for (let n = p.length; n >= 0; n--) {
      const hit = parser.found.get(JSON.stringify(p.slice(0, n)));
      if (hit) {
        out.set(JSON.stringify(p), hit);
        break;
      }
    }
  }
  return out;
}
