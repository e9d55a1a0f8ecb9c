// A scriptable HTTP(S) server on an ephemeral loopback port, for transport behaviour that a real
// Connect worker (or the emulator) does not produce on demand: proxy HTML, cut-off bodies, silence.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface StubRequest {
  method: string;
  /** Raw request target, e.g. `/connectors/a%20b/status?x=1`. */
  url: string;
  /** Path without the query, still percent-encoded. */
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: string;
}

export type StubResponse =
  /** `json` is serialised; `body` is sent verbatim; `delayMs` holds the answer back. */
  | { status: number; json?: unknown; body?: string; headers?: Record<string, string>; delayMs?: number }
  /** Accept the request and never answer. */
  | { hang: true }
  /** Reset the connection without answering. */
  | { reset: true }
  /** Send headers and part of a body, then end the response cleanly (chunked), as a cutting proxy would. */
  | { status: number; partial: string; contentType?: string }
  /** Send headers promising `declaredLength` bytes, part of it, then reset the socket. */
  | { status: number; cutAfter: string; declaredLength: number };

export type StubRoute = StubResponse | StubResponse[] | ((req: StubRequest) => StubResponse);

export interface Stub {
  url: string;
  port: number;
  requests: StubRequest[];
  /** Most requests that were being handled at the same time. */
  readonly maxInFlight: number;
  /** Replace or add a route, keyed `METHOD /path` or `METHOD /path?query`. */
  route(key: string, route: StubRoute): void;
  close(): Promise<void>;
}

export interface StubOptions {
  routes?: Record<string, StubRoute>;
  tls?: { key: string | Buffer; cert: string | Buffer };
}

export async function startStub(options: StubOptions = {}): Promise<Stub> {
  const routes = new Map<string, StubRoute>(Object.entries(options.routes ?? {}));
  const served = new Map<string, number>();
  const requests: StubRequest[] = [];
  let inFlight = 0;
  let maxInFlight = 0;

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    res.on('close', () => inFlight--);
    req.on('end', () => {
      const rawUrl = req.url ?? '/';
      const parsed = new URL(rawUrl, 'http://stub');
      const request: StubRequest = {
        method: req.method ?? 'GET',
        url: rawUrl,
        path: parsed.pathname,
        query: parsed.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(request);
      const key = [`${request.method} ${rawUrl}`, `${request.method} ${parsed.pathname}`].find((k) =>
        routes.has(k),
      );
      const route = key === undefined ? undefined : routes.get(key);
      let response: StubResponse;
      if (route === undefined || key === undefined) {
        response = { status: 404, json: { error_code: 404, message: 'HTTP 404 Not Found' } };
      } else if (typeof route === 'function') {
        response = route(request);
      } else if (Array.isArray(route)) {
        const n = served.get(key) ?? 0;
        served.set(key, n + 1);
        response = route[Math.min(n, route.length - 1)] as StubResponse;
      } else {
        response = route;
      }
      send(res, response);
    });
  };

  const server: Server = options.tls
    ? createHttpsServer({ key: options.tls.key, cert: options.tls.cert }, handler)
    : createHttpServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const scheme = options.tls ? 'https' : 'http';

  return {
    url: `${scheme}://127.0.0.1:${port}`,
    port,
    requests,
    get maxInFlight() {
      return maxInFlight;
    },
    route(key, route) {
      routes.set(key, route);
      served.delete(key);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function send(res: ServerResponse, r: StubResponse): void {
  if ('hang' in r) return;
  if ('reset' in r) {
    res.socket?.resetAndDestroy();
    return;
  }
  if ('partial' in r) {
    res.writeHead(r.status, { 'content-type': r.contentType ?? 'application/json' });
    res.end(r.partial);
    return;
  }
  if ('cutAfter' in r) {
    res.writeHead(r.status, {
      'content-type': 'application/json',
      'content-length': String(r.declaredLength),
    });
    res.write(r.cutAfter, () => setTimeout(() => res.socket?.destroy(), 20));
    return;
  }
  if (r.delayMs) {
    const { delayMs, ...rest } = r;
    setTimeout(() => send(res, rest), delayMs);
    return;
  }
  const body = r.json !== undefined ? JSON.stringify(r.json) : (r.body ?? '');
  const headers: Record<string, string> = {
    ...(r.json !== undefined ? { 'content-type': 'application/json' } : {}),
  };
  res.writeHead(r.status, { ...headers, ...r.headers });
  res.end(body);
}

/** A port on which nothing listens: bind an ephemeral port and let it go. */
export async function refusedPort(): Promise<number> {
  const server = createHttpServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface SelfSignedCert {
  key: string;
  cert: string;
  /** The certificate as a file, to pass as a CA file. */
  certFile: string;
  cleanup(): void;
}

/**
 * A throwaway self-signed certificate made with openssl, valid for `localhost` and 127.0.0.1 unless
 * other subject alternative names are given (e.g. `DNS:elsewhere.example` for a hostname mismatch).
 */
export function selfSignedCert(altNames = 'DNS:localhost,IP:127.0.0.1'): SelfSignedCert {
  const dir = mkdtempSync(join(tmpdir(), 'kcx-tls-'));
  const keyFile = join(dir, 'key.pem');
  const certFile = join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-subj',
      '/CN=localhost',
      '-addext',
      `subjectAltName=${altNames}`,
      '-days',
      '1',
      '-keyout',
      keyFile,
      '-out',
      certFile,
    ],
    { stdio: 'ignore' },
  );
  return {
    key: readFileSync(keyFile, 'utf8'),
    cert: readFileSync(certFile, 'utf8'),
    certFile,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
