import { existsSync, realpathSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type ServerResponse } from 'node:http';
import { dirname, extname, join, resolve, sep } from 'node:path';
import type { Command } from '../command';
import { INPUT_LIMITS, InputError, inputContext, LIMIT_VARIABLES, UsageError } from '../util/io';

/**
 * The Content-Security-Policy sent with every file: nothing but this server (inline styles for
 * the report's own stylesheet), so a page served cannot reach any other site.
 *
 * @example
 * ```ts
 * SERVE_CSP.startsWith("default-src 'self'"); // true
 * ```
 */
export const SERVE_CSP =
  "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

/** How {@link startStaticServer} bounds what it reads, and where it says what it refused. */
export interface StaticServerOptions {
  /** The largest file served, in bytes (default the CLI's per-file limit, 64 MiB); larger is a 413. */
  maxBytes?: number;
  /** Receives one line for each file refused as too large (the CLI's stderr). */
  log?: (line: string) => void;
}

/** A running static server: its address and how to stop it. */
export interface StaticServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

function send(
  res: ServerResponse,
  status: number,
  body: string | Uint8Array,
  type: string,
  head: boolean,
): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Length': typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength,
    'Content-Security-Policy': SERVE_CSP,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-cache',
  });
  res.end(head ? undefined : body);
}

/**
 * Serves the files of `dir` on 127.0.0.1, read-only: GET and HEAD only, `index.html` for a
 * folder, no listings, no dotfiles, nothing outside `dir` (symlinks included), only this
 * machine's host names (no DNS rebinding), with {@link SERVE_CSP} on every answer. Port 0 (the
 * default) takes a free port. A file over `maxBytes` is not read: the answer is 413 and a line
 * goes to `log`, as every other command refuses a file over the limit.
 *
 * @example
 * ```ts
 * const s = await startStaticServer('packages/workbench/dist');
 * console.log(s.url); // http://127.0.0.1:41234/
 * await s.close();
 * ```
 */
export function startStaticServer(
  dir: string,
  port = 0,
  options: StaticServerOptions = {},
): Promise<StaticServer> {
  const root = realpathSync(dir);
  const maxBytes = options.maxBytes ?? INPUT_LIMITS.maxTextBytes;
  let hosts = new Set<string>();
  const server = createServer(async (req, res) => {
    const head = req.method === 'HEAD';
    const text = 'text/plain; charset=utf-8';
    if (!hosts.has(req.headers.host ?? '')) return send(res, 403, 'Forbidden host.\n', text, head);
    if (req.method !== 'GET' && !head) return send(res, 405, 'Only GET and HEAD are served.\n', text, head);
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    } catch {
      return send(res, 400, 'Bad path.\n', text, head);
    }
    if (path.includes('\0') || path.split('/').some((s) => s.startsWith('.')))
      return send(res, 404, 'Not found.\n', text, head);
    let file = resolve(root, `.${path}`);
    if (file !== root && !file.startsWith(root + sep)) return send(res, 404, 'Not found.\n', text, head);
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) return send(res, 404, 'Not found.\n', text, head);
    const real = realpathSync(file);
    if (!real.startsWith(root + sep)) return send(res, 403, 'Forbidden.\n', text, head);
    const size = statSync(real).size;
    if (size > maxBytes) {
      const why = `${path} is ${size} bytes, over the ${maxBytes} bytes served (${LIMIT_VARIABLES.maxTextBytes})`;
      options.log?.(
        `serve: refused ${why}: raise ${LIMIT_VARIABLES.maxTextBytes} if the file is trusted [file_too_large]`,
      );
      return send(res, 413, `Too large: ${why}.\n`, text, head);
    }
    try {
      const body = await readFile(real);
      // grown since the stat: still over
      if (body.byteLength > maxBytes) return send(res, 413, 'Too large.\n', text, head);
      send(res, 200, body, MIME[extname(real).toLowerCase()] ?? 'application/octet-stream', head);
    } catch {
      send(res, 500, 'Cannot read the file.\n', text, head);
    }
  });
  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      const actual = typeof address === 'object' && address ? address.port : port;
      hosts = new Set([`127.0.0.1:${actual}`, `localhost:${actual}`]);
      done({
        url: `http://127.0.0.1:${actual}/`,
        port: actual,
        close: () =>
          new Promise<void>((closed) => {
            server.closeAllConnections();
            server.close(() => closed());
          }),
      });
    });
  });
}

/**
 * The built workbench (`packages/workbench/dist`) in the folder or one above it, or beside
 * the running CLI's repository; null when it is not built.
 *
 * @example
 * ```ts
 * findWorkbench(process.cwd()); // '/home/me/commonweal/packages/workbench/dist' after `pnpm build`
 * ```
 */
export function findWorkbench(...from: string[]): string | null {
  for (const start of from) {
    let dir = resolve(start);
    for (;;) {
      const d = join(dir, 'packages', 'workbench', 'dist');
      if (existsSync(join(d, 'index.html'))) return d;
      const up = dirname(dir);
      if (up === dir) break;
      dir = up;
    }
  }
  return null;
}

/**
 * `commonweal serve [DIR]`: serves the built workbench (or any folder of static files) on
 * 127.0.0.1 at a free port, until Ctrl+C.
 *
 * @example
 * ```sh
 * commonweal serve            # the workbench, after pnpm build
 * commonweal serve site/ --port 8080
 * ```
 */
export const serveCommand: Command = {
  name: 'serve',
  summary: "Serve the commissioner's workbench (or any folder of static files) on 127.0.0.1",
  usage: 'commonweal serve [DIR] [--port N]',
  positionals: [
    { name: 'DIR', required: false, description: 'The folder to serve (default: the built workbench)' },
  ],
  options: {
    port: {
      type: 'string',
      short: 'p',
      value: 'N',
      description: 'The port (default 0: a free port, printed)',
    },
  },
  examples: ['commonweal serve', 'commonweal serve packages/workbench/dist --port 8080'],
  async run({ values, positionals }, io) {
    const portText = typeof values.port === 'string' ? values.port : '0';
    const port = Number(portText);
    if (!/^\d+$/.test(portText) || port > 65535)
      throw new UsageError(
        `--port needs a whole number from 0 to 65535 (0 picks a free port), got '${portText}'`,
      );
    let dir: string;
    if (positionals[0] !== undefined) {
      dir = resolve(io.cwd, positionals[0]);
      if (!existsSync(dir) || !statSync(dir).isDirectory())
        throw new InputError(`${positionals[0]} is not a folder: give the folder of static files to serve`);
    } else {
      const found = findWorkbench(io.cwd, dirname(process.argv[1] ?? io.cwd));
      if (!found)
        throw new InputError(
          'the workbench is not built: run `pnpm build` in the repository (or give the folder to serve: commonweal serve DIR)',
        );
      dir = found;
    }
    let s: StaticServer;
    try {
      s = await startStaticServer(dir, port, {
        maxBytes: inputContext(io).limits.maxTextBytes,
        log: (line) => io.stderr(`${line}\n`),
      });
    } catch (e) {
      if ((e as { code?: string }).code === 'EADDRINUSE')
        throw new InputError(`port ${port} is in use: leave --port out for a free port`);
      throw e;
    }
    io.stdout(`Serving ${dir}\nOpen ${s.url} in your browser (127.0.0.1 only; Ctrl+C stops it).\n`);
    await new Promise<void>((stop) => {
      const end = () => {
        process.off('SIGINT', end);
        process.off('SIGTERM', end);
        stop();
      };
      process.on('SIGINT', end);
      process.on('SIGTERM', end);
    });
    await s.close();
    return 0;
  },
};
