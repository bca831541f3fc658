/** Serves the API on a socket with @hono/node-server; loopback only unless told otherwise. */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { type CreateAppOptions, createApp } from './app.ts';

export interface StartServerOptions extends CreateAppOptions {
  /** 0 picks a free port. */
  readonly port: number;
  readonly hostname?: string;
}

export interface ServerHandle {
  readonly port: number;
  readonly hostname: string;
  readonly url: string;
  /** Stops accepting connections and waits for open ones to finish; the store stays open. */
  close(): Promise<void>;
}

export function startServer(options: StartServerOptions): Promise<ServerHandle> {
  const hostname = options.hostname ?? '127.0.0.1';
  const app = createApp(options);
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port: options.port, hostname }, (info: AddressInfo) => {
      const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
      resolve({
        port: info.port,
        hostname,
        url: `http://${host}:${info.port}`,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((error) => (error === undefined ? done() : fail(error)));
            if ('closeAllConnections' in server) server.closeAllConnections();
          }),
      });
    });
    server.once('error', reject);
  });
}
