/** The page's path on the server. */
export declare const PAGE: string;

/**
 * Starts the static server on 127.0.0.1, serving the repository root read-only.
 *
 * @example
 * ```ts
 * const server = await startServer({ port: 0 });
 * console.log(server.url); // http://127.0.0.1:40123/examples/browser/
 * await server.close();
 * ```
 */
export declare function startServer(options?: { port?: number; root?: string }): Promise<{
  url: string;
  origin: string;
  port: number;
  close: () => Promise<void>;
}>;
