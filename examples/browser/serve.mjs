// A tiny static file server for the browser scorer: serves the repository root on 127.0.0.1
// only (never the network), read-only, no directory listings, no dotfiles.
//   node examples/browser/serve.mjs [--port 8080]   (--port 0 picks a free port)
import { existsSync, realpathSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The page's path on the server. */
export const PAGE = '/examples/browser/';

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.md': 'text/markdown; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

function send(res, status, body, type = 'text/plain; charset=utf-8', head = false) {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Length': Buffer.byteLength(body),
    // A rebuilt package is picked up on reload.
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(head ? undefined : body);
}

/** Maps a URL path to a file inside `root`, or null when it must not be served. */
function fileFor(root, pathname) {
  let path;
  try {
    path = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (path.includes('\0')) return null;
  // No dotfiles or dot folders (.git, .env, …); the page never needs them.
  if (path.split('/').some((seg) => seg.startsWith('.'))) return null;
  const base = resolve(root);
  const full = resolve(base, `.${path}`);
  return full === base || full.startsWith(base + sep) ? full : null;
}

/**
 * Starts the server. Resolves to its URL (of the page) and a `close()`.
 *
 * @param {{ port?: number, root?: string }} [options] port 0 picks a free one
 * @returns {Promise<{ url: string, origin: string, port: number, close: () => Promise<void> }>}
 */
export function startServer({ port = 8080, root = ROOT } = {}) {
  const realRoot = realpathSync(root);
  let hosts = new Set();
  const server = createServer(async (req, res) => {
    // Only this machine's names: a web page that rebinds its domain to 127.0.0.1 gets nothing.
    if (!hosts.has(req.headers.host ?? '')) return send(res, 403, 'Forbidden host.\n');
    const head = req.method === 'HEAD';
    if (req.method !== 'GET' && !head) return send(res, 405, 'Only GET and HEAD are served.\n');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/') {
      res.writeHead(302, { Location: PAGE });
      return res.end();
    }
    const full = fileFor(root, url.pathname);
    if (!full || !existsSync(full)) return send(res, 404, 'Not found.\n', undefined, head);
    // Follow symlinks (pnpm's node_modules), but only to files inside the repository.
    const real = realpathSync(full);
    if (real !== realRoot && !real.startsWith(realRoot + sep)) return send(res, 403, 'Forbidden.\n');
    let file = full;
    if (statSync(real).isDirectory()) {
      if (!url.pathname.endsWith('/')) {
        res.writeHead(301, { Location: `/${url.pathname.replace(/^\/+/, '')}/${url.search}` });
        return res.end();
      }
      file = join(full, 'index.html');
      if (!existsSync(file)) return send(res, 404, 'Not found (no index.html; listings are off).\n');
    }
    try {
      const body = await readFile(file);
      send(res, 200, body, MIME[extname(file).toLowerCase()] ?? 'application/octet-stream', head);
    } catch {
      send(res, 500, 'Cannot read the file.\n');
    }
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      const actual = typeof address === 'object' && address ? address.port : port;
      hosts = new Set([`127.0.0.1:${actual}`, `localhost:${actual}`]);
      const origin = `http://127.0.0.1:${actual}`;
      resolvePromise({
        url: `${origin}${PAGE}`,
        origin,
        port: actual,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections?.();
            server.close(() => done());
          }),
      });
    });
  });
}

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const i = process.argv.indexOf('--port');
  const port = i > 0 ? Number(process.argv[i + 1]) : 8080;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error('--port needs a number from 0 to 65535 (0 picks a free port)');
    process.exit(2);
  }
  if (!existsSync(join(ROOT, 'packages/core/dist/procurement/index.js')))
    console.warn('The packages are not built yet: run `pnpm build` at the repository root first.');
  try {
    const { url } = await startServer({ port });
    console.log(`Commonweal browser scorer: ${url}`);
    console.log('Serving the repository read-only on 127.0.0.1 only. Ctrl+C stops it.');
  } catch (e) {
    if (e && e.code === 'EADDRINUSE') {
      console.error(`Port ${port} is in use: try --port 0 (a free port) or another number.`);
      process.exit(1);
    }
    throw e;
  }
}
