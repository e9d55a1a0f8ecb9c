// The transport: one keep-alive undici Pool per worker URL (or a ProxyAgent when an HTTP proxy is in
// the way), JSON in and out, auth, TLS, timeouts, 409 retry, and every failure turned into a
// ConnectError that says what happened in one line.

import { readFileSync } from 'node:fs';
import { STATUS_CODES } from 'node:http';
import { type Dispatcher, Pool, ProxyAgent } from 'undici';
import { connectErrorBody, parseJsonBody, snippet } from './body.js';
import { ConnectError, type ConnectErrorInit } from './errors.js';
import { classifyNetworkError, formatDuration } from './net-errors.js';
import { networkDetail } from './network-detail.js';
import { chooseProxy, type ProxyChoice, ProxyConfigError, type ProxySetting } from './proxy.js';
import { type Query, queryString } from './paths.js';
import { type Retry409Options, type RetryPolicy, retryPolicy, with409Retry } from './retry.js';

export type Auth = { username: string; password: string } | { token: string };

export interface TlsOptions {
  /** PEM file with the CA(s) to trust instead of the system store. */
  caFile?: string;
  /** Client certificate and key (PEM) for mutual TLS. */
  certFile?: string;
  keyFile?: string;
  /** Skip certificate verification. For throwaway test clusters only. */
  insecure?: boolean;
}

export interface Timeouts {
  /** TCP (+TLS) connect, ms. Default 5 000. */
  connectMs?: number;
  /** One attempt, from sending the request until the whole body has arrived, ms. Default 30 000. */
  requestMs?: number;
}

export const DEFAULT_TIMEOUTS = { connectMs: 5_000, requestMs: 30_000 } as const;

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Reported after every HTTP attempt (a 409 retried three times is three events). */
export interface RequestEvent {
  method: HttpMethod;
  /** Path and query as sent, relative to the base URL. */
  path: string;
  attempt: number;
  status?: number;
  error?: ConnectError;
  durationMs: number;
}

export interface TransportOptions {
  url: string;
  /** Context name, shown in every error message. Default 'default'. */
  context?: string;
  auth?: Auth;
  tls?: TlsOptions;
  timeouts?: Timeouts;
  retry409?: Retry409Options;
  /** Parallel connections to the worker. Default 16. */
  maxConnections?: number;
  /** Default: HTTP_PROXY / HTTPS_PROXY / NO_PROXY of this process's environment. */
  proxy?: ProxySetting;
  onRequest?: (event: RequestEvent) => void;
}

/**
 * - `json`: a 2xx must carry a JSON body.
 * - `empty`: the 2xx body is ignored (202/204 without content).
 * - `any`: parsed if present (endpoints that answer 200 with a body or 204 without).
 * - `raw`: a 2xx body is returned as bytes, unparsed (a large listing is parsed piece by piece by
 *   its reader; badBody() then makes the error for a body that turns out not to be JSON).
 */
export type Expect = 'json' | 'empty' | 'any' | 'raw';

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  expect?: Expect;
  /** Override the client's request timeout for this call. */
  timeoutMs?: number;
  /** Set false for calls where a 409 must surface at once. */
  retry409?: boolean;
  /** Non-2xx statuses that are answers rather than failures (e.g. 503 from `/health`). */
  okStatuses?: readonly number[];
  /**
   * With `raw`: a buffer to receive the body into, so that a large body fetched again and again
   * reuses memory instead of allocating its size anew (the body is then a view of it). A body that
   * does not fit goes into a new buffer.
   */
  into?: Uint8Array;
}

export interface HttpResponse<T> {
  status: number;
  body: T;
  headers: Record<string, string | string[] | undefined>;
}

export interface TransportStats {
  /** HTTP attempts sent, including 409 retries. */
  requests: number;
  /** Attempts that ended in a ConnectError (after retries, each failed attempt counts). */
  failures: number;
}

export class Transport {
  readonly context: string;
  /** The base URL without credentials, as shown in messages. */
  readonly baseUrl: string;
  readonly stats: TransportStats = { requests: 0, failures: 0 };
  /** The proxy requests go through; undefined when they go straight to the worker. */
  readonly proxy: ProxyChoice | undefined;
  private readonly origin: string;
  private readonly basePath: string;
  private readonly authorization?: string;
  private readonly credentials?: 'basic' | 'bearer';
  private readonly timeouts: Required<Timeouts>;
  private readonly retry: RetryPolicy;
  private pool?: Dispatcher;

  constructor(private readonly options: TransportOptions) {
    this.context = options.context ?? 'default';
    const url = new URL(options.url);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new Error(`[${this.context}] unsupported URL scheme ${url.protocol} in ${options.url}`);
    }
    // Credentials in the URL are honoured but never displayed.
    const auth =
      options.auth ??
      (url.username
        ? { username: decodeURIComponent(url.username), password: decodeURIComponent(url.password) }
        : undefined);
    url.username = '';
    url.password = '';
    this.origin = url.origin;
    this.basePath = url.pathname.replace(/\/+$/, '');
    this.baseUrl = this.origin + this.basePath;
    this.authorization = auth ? authorizationHeader(auth) : undefined;
    if (auth) this.credentials = 'token' in auth ? 'bearer' : 'basic';
    this.timeouts = { ...DEFAULT_TIMEOUTS, ...definedOnly(options.timeouts) };
    this.retry = retryPolicy(options.retry409);
    try {
      this.proxy = chooseProxy(url, options.proxy ?? { from: 'env', env: process.env });
    } catch (err) {
      if (err instanceof ProxyConfigError) throw new ProxyConfigError(`[${this.context}] ${err.message}`);
      throw err;
    }
  }

  /** Full URL for a path, as it appears in messages. */
  urlFor(path: string, query?: Query): string {
    return this.baseUrl + path + queryString(query);
  }

  async request<T = unknown>(
    method: HttpMethod,
    path: string,
    options: RequestOptions = {},
  ): Promise<HttpResponse<T>> {
    let attempt = 0;
    const once = () => this.attempt<T>(method, path, options, ++attempt);
    if (options.retry409 === false || this.retry.budgetMs === 0) return once();
    return with409Retry(this.retry, once);
  }

  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    await pool?.close();
  }

  private async attempt<T>(
    method: HttpMethod,
    path: string,
    options: RequestOptions,
    attempt: number,
  ): Promise<HttpResponse<T>> {
    const started = performance.now();
    const fullPath = this.basePath + path + queryString(options.query);
    const relPath = path + queryString(options.query);
    const url = this.origin + fullPath;
    const fail: Fail = (init) => this.errorFor(method, url, init);
    const report = (status: number | undefined, error?: ConnectError) => {
      this.stats.requests++;
      if (error) this.stats.failures++;
      this.options.onRequest?.({
        method,
        path: relPath,
        attempt,
        ...(status === undefined ? {} : { status }),
        ...(error ? { error } : {}),
        durationMs: performance.now() - started,
      });
    };

    const requestMs = options.timeoutMs ?? this.timeouts.requestMs;
    // Our own deadline for the whole attempt: undici's header/body timers are per phase (a body that
    // trickles in never trips them) and coarse (they fire up to a second late).
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(new DeadlineError()), requestMs);
    const timeoutError = (which: 'connect' | 'request', status?: number, cause?: unknown) =>
      fail({
        kind: 'timeout',
        ...(status === undefined ? {} : { status, statusText: statusText(status) }),
        detail: this.timeoutDetail(which, method, requestMs),
        cause,
      });

    let status: number | undefined;
    let text: string;
    let bytes: Uint8Array | undefined;
    let headers: Dispatcher.ResponseData['headers'];
    try {
      let pool: Dispatcher;
      try {
        pool = this.getPool();
      } catch (err) {
        throw fail({ kind: 'tls', detail: err instanceof Error ? err.message : String(err), cause: err });
      }
      const hasBody = options.body !== undefined;
      let res: Dispatcher.ResponseData;
      try {
        res = await pool.request({
          // A Pool knows its origin; a ProxyAgent is told it per request.
          origin: this.origin,
          method,
          path: fullPath,
          headers: {
            accept: 'application/json',
            'user-agent': 'kcx',
            ...(hasBody ? { 'content-type': 'application/json' } : {}),
            ...(this.authorization ? { authorization: this.authorization } : {}),
          },
          body: hasBody ? JSON.stringify(options.body) : null,
          headersTimeout: requestMs,
          bodyTimeout: requestMs,
          signal: deadline.signal,
        });
      } catch (err) {
        if (deadline.signal.aborted) throw timeoutError('request', undefined, err);
        throw this.networkFailure(fail, err, requestMs, method);
      }
      status = res.statusCode;
      headers = res.headers;
      try {
        if (options.expect === 'raw' && status >= 200 && status < 300) {
          bytes = await readBody(res.body, options.into, contentLength(res.headers['content-length']));
          text = '';
        } else {
          text = await res.body.text();
        }
      } catch (err) {
        if (deadline.signal.aborted) throw timeoutError('request', status, err);
        const c = classifyNetworkError(err);
        if (c.kind === 'timeout') throw timeoutError('request', status, err);
        // Headers arrived but the body did not: the response was cut off.
        throw fail({
          kind: 'bad-body',
          status,
          statusText: statusText(status, res.statusText),
          detail: `truncated response (${c.message})`,
          cause: err,
        });
      }
      const result: HttpResponse<T> = bytes
        ? { status, body: bytes as T, headers }
        : this.interpret<T>(fail, status, res.statusText, headers, text, options);
      report(status);
      return result;
    } catch (err) {
      const error = err instanceof ConnectError ? err : this.networkFailure(fail, err, requestMs, method);
      report(status, error);
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * The error for a 2xx body fetched with `expect: 'raw'` that could not be used: the same one a
   * parsed request would have thrown (`detail` and `snippet` as parseJsonBody() reports them).
   */
  badBody(
    method: HttpMethod,
    path: string,
    query: Query | undefined,
    status: number,
    detail: string,
    bodySnippet?: string,
  ): ConnectError {
    return this.errorFor(method, this.urlFor(path, query), {
      kind: 'bad-body',
      status,
      statusText: statusText(status),
      detail,
      ...(bodySnippet ? { bodySnippet } : {}),
    });
  }

  /** Every error of this transport: the context, the request, and the proxy and credentials in use. */
  private errorFor(
    method: HttpMethod,
    url: string,
    init: Omit<ConnectErrorInit, 'context' | 'method' | 'url'>,
  ): ConnectError {
    return new ConnectError({
      context: this.context,
      method,
      url,
      ...init,
      ...(this.proxy ? { proxy: this.proxy.shown } : {}),
      ...(this.credentials ? { credentials: this.credentials } : {}),
    });
  }

  private interpret<T>(
    fail: Fail,
    status: number,
    rawStatusText: string | undefined,
    headers: Dispatcher.ResponseData['headers'],
    text: string,
    options: RequestOptions,
  ): HttpResponse<T> {
    const expect = options.expect ?? 'json';
    const contentType = headerValue(headers['content-type']);
    const st = statusText(status, rawStatusText);
    const ok = (status >= 200 && status < 300) || (options.okStatuses?.includes(status) ?? false);
    if (ok && expect === 'empty') return { status, body: undefined as T, headers };

    const parsed = parseJsonBody(text, contentType);
    // A body that is not JSON (a proxy's HTML page, a cut-off answer) says more than its status.
    if (!parsed.ok) {
      throw fail({
        kind: 'bad-body',
        status,
        statusText: st,
        detail: parsed.detail,
        bodySnippet: parsed.snippet,
      });
    }
    if (!ok) {
      const body = connectErrorBody(parsed.value);
      throw fail({
        kind: 'http',
        status,
        statusText: st,
        ...(body?.errorCode === undefined ? {} : { errorCode: body.errorCode }),
        ...(body?.message === undefined ? {} : { connectMessage: body.message }),
        ...(body === undefined && text.trim() !== '' ? { bodySnippet: snippet(text) } : {}),
      });
    }
    if (expect === 'json' && parsed.value === undefined) {
      throw fail({ kind: 'bad-body', status, statusText: st, detail: 'empty body where JSON was expected' });
    }
    return { status, body: parsed.value as T, headers };
  }

  private networkFailure(fail: Fail, err: unknown, requestMs: number, method: HttpMethod): ConnectError {
    const c = classifyNetworkError(err);
    const tls = this.options.tls;
    const { kind, detail } = networkDetail(c, err, {
      host: new URL(this.origin).hostname,
      ...(tls?.caFile ? { caFile: tls.caFile } : {}),
      ...(tls?.insecure ? { insecure: true } : {}),
      ...(this.proxy ? { proxy: this.proxy } : {}),
      timeoutText: (which) => this.timeoutDetail(which, method, requestMs),
    });
    return fail({
      kind,
      ...(detail === undefined ? {} : { detail }),
      ...(c.code === undefined ? {} : { code: c.code }),
      cause: err,
    });
  }

  private timeoutDetail(which: 'connect' | 'request', method: HttpMethod, requestMs: number): string {
    if (which === 'connect') return `connect timed out after ${formatDuration(this.timeouts.connectMs)}`;
    const text = `timed out after ${formatDuration(requestMs)}`;
    // A write that was sent but not answered may still be applied by the worker (it has 90 s).
    return method === 'GET' ? text : `${text}; the worker may still apply it`;
  }

  private getPool(): Dispatcher {
    if (this.pool) return this.pool;
    const tls = this.options.tls;
    const read = (what: string, file: string | undefined) => {
      if (!file) return undefined;
      try {
        return readFileSync(file);
      } catch (err) {
        const code = (err as { code?: string }).code;
        throw new Error(`cannot read ${what} ${file}${code ? ` (${code})` : ''}`);
      }
    };
    // The worker's TLS settings: through a proxy they apply to the tunnel's far end, the worker.
    const workerTls = {
      timeout: this.timeouts.connectMs,
      ...(tls?.caFile ? { ca: read('CA file', tls.caFile) } : {}),
      ...(tls?.certFile ? { cert: read('certificate file', tls.certFile) } : {}),
      ...(tls?.keyFile ? { key: read('key file', tls.keyFile) } : {}),
      ...(tls?.insecure ? { rejectUnauthorized: false } : {}),
    };
    const shared = {
      connections: this.options.maxConnections ?? 16,
      keepAliveTimeout: 10_000,
      // Connect speaks HTTP/1.1; ALPN negotiation buys nothing and changes error behaviour.
      allowH2: false,
    };
    this.pool = this.proxy
      ? new ProxyAgent({
          ...shared,
          uri: this.proxy.url.href,
          requestTls: workerTls,
          // The proxy's own certificate (an https:// proxy) is checked against the system's CAs.
          proxyTls: { timeout: this.timeouts.connectMs },
        })
      : new Pool(this.origin, { ...shared, connect: workerTls });
    return this.pool;
  }
}

type Fail = (init: Omit<ConnectErrorInit, 'context' | 'method' | 'url'>) => ConnectError;

class DeadlineError extends Error {
  override readonly name = 'DeadlineError';
}

function authorizationHeader(auth: Auth): string {
  if ('token' in auth) return `Bearer ${auth.token}`;
  return `Basic ${Buffer.from(`${auth.username}:${auth.password}`, 'utf8').toString('base64')}`;
}

function statusText(status: number, fromServer?: string): string {
  return (fromServer && fromServer.trim() !== '' ? fromServer : undefined) ?? STATUS_CODES[status] ?? '';
}

function headerValue(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

function definedOnly<T extends object>(o: T | undefined): Partial<T> {
  if (!o) return {};
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * A body's bytes, read into `into` when they fit (a view of it is returned). Otherwise the chunks are
 * gathered and copied once into a buffer of the whole size, with an eighth to spare so that the next,
 * slightly larger body still fits when this buffer is handed back as `into`: one large allocation,
 * not a series of ever larger ones.
 */
async function readBody(
  body: AsyncIterable<Uint8Array>,
  into: Uint8Array | undefined,
  expected: number | undefined,
): Promise<Uint8Array> {
  // A Content-Length sizes the buffer at once (up to a sane bound; past it, the chunks are gathered),
  // with the same eighth to spare: a body that grows by a byte still fits next time.
  const size = expected !== undefined && expected <= 64 * 1024 * 1024 ? expected : undefined;
  let buf = into;
  if (size !== undefined && (buf === undefined || buf.byteLength < size))
    buf = new Uint8Array(size + (size >>> 3));
  let length = 0;
  let overflow: Uint8Array[] | undefined;
  let overflowLength = 0;
  for await (const chunk of body) {
    if (overflow === undefined && buf !== undefined && length + chunk.byteLength <= buf.byteLength) {
      buf.set(chunk, length);
      length += chunk.byteLength;
    } else {
      overflow = overflow ?? [];
      overflow.push(chunk);
      overflowLength += chunk.byteLength;
    }
  }
  if (overflow === undefined) return buf === undefined ? new Uint8Array(0) : buf.subarray(0, length);
  const total = length + overflowLength;
  const whole = new Uint8Array(total + (total >>> 3));
  if (buf !== undefined) whole.set(buf.subarray(0, length));
  let at = length;
  for (const chunk of overflow) {
    whole.set(chunk, at);
    at += chunk.byteLength;
  }
  return whole.subarray(0, total);
}

function contentLength(header: string | string[] | undefined): number | undefined {
  const n = Number(Array.isArray(header) ? header[0] : header);
  return Number.isSafeInteger(n) && n >= 0 ? n : undefined;
}
