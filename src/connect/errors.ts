// Errors are values the UI shows as they are: one line that names the context, the request
// and what went wrong, so an operator can act on it without reading a stack trace.

export type ConnectErrorKind =
  | 'http'
  | 'connection-refused'
  | 'dns'
  | 'tls'
  | 'timeout'
  | 'bad-body'
  | 'network'
  | 'read-only'
  | 'unsupported';

export interface ConnectErrorInit {
  kind: ConnectErrorKind;
  context: string;
  method: string;
  /** Full request URL as sent (credentials never included). */
  url: string;
  status?: number;
  statusText?: string;
  errorCode?: number;
  connectMessage?: string;
  bodySnippet?: string;
  /** What follows the arrow when the kind is not self-explanatory, e.g. `timed out after 30s`. */
  detail?: string;
  /** How many HTTP attempts were made (more than one when 409s were retried). */
  attempts?: number;
  /** The underlying error code (`ECONNREFUSED`, `ERR_TLS_CERT_ALTNAME_INVALID`…), for hints. */
  code?: string;
  /** The proxy the request went through, as shown (no credentials). */
  proxy?: string;
  /** The credentials the request carried: a 401 then means they were refused, not missing. */
  credentials?: 'basic' | 'bearer';
  cause?: unknown;
}

export class ConnectError extends Error {
  override readonly name = 'ConnectError';
  readonly kind: ConnectErrorKind;
  readonly context: string;
  readonly method: string;
  readonly url: string;
  readonly status?: number;
  readonly statusText?: string;
  readonly errorCode?: number;
  readonly connectMessage?: string;
  readonly bodySnippet?: string;
  readonly detail?: string;
  readonly attempts?: number;
  readonly code?: string;
  readonly proxy?: string;
  readonly credentials?: 'basic' | 'bearer';

  constructor(init: ConnectErrorInit) {
    super(formatMessage(init), init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = init.kind;
    this.context = init.context;
    this.method = init.method;
    this.url = init.url;
    this.status = init.status;
    this.statusText = init.statusText;
    this.errorCode = init.errorCode;
    this.connectMessage = init.connectMessage;
    this.bodySnippet = init.bodySnippet;
    this.detail = init.detail;
    this.attempts = init.attempts;
    this.code = init.code;
    this.proxy = init.proxy;
    this.credentials = init.credentials;
  }

  /**
   * The message after the arrow, for places that already show the context and need no URL (the
   * header's line on why the data is stale).
   */
  get reason(): string {
    return formatReason(this.init());
  }

  /** Same error, re-stamped with the attempt count (the message says how long we kept trying). */
  withAttempts(attempts: number): ConnectError {
    return new ConnectError({ ...this.init(), attempts });
  }

  private init(): ConnectErrorInit {
    return {
      kind: this.kind,
      context: this.context,
      method: this.method,
      url: this.url,
      status: this.status,
      statusText: this.statusText,
      errorCode: this.errorCode,
      connectMessage: this.connectMessage,
      bodySnippet: this.bodySnippet,
      detail: this.detail,
      attempts: this.attempts,
      code: this.code,
      proxy: this.proxy,
      credentials: this.credentials,
      cause: this.cause,
    };
  }
}

const KIND_TEXT: Record<ConnectErrorKind, string> = {
  http: 'request failed',
  'connection-refused': 'connection refused (is the worker up?)',
  dns: 'host name not found (DNS)',
  tls: 'TLS handshake failed',
  timeout: 'timed out',
  'bad-body': 'unreadable response body',
  network: 'network error',
  'read-only': 'refused: this context is read-only',
  unsupported: 'not supported by this cluster',
};

function formatMessage(e: ConnectErrorInit): string {
  return `[${e.context}] ${e.method} ${e.url} → ${formatReason(e)}`;
}

/** What went wrong, without the context and the request: `500 Internal Server Error: …`. */
function formatReason(e: ConnectErrorInit): string {
  const parts: string[] = [];
  if (e.status !== undefined) parts.push(`${e.status}${e.statusText ? ` ${e.statusText}` : ''}`);
  const explanation =
    e.connectMessage ?? e.detail ?? (e.status === undefined ? KIND_TEXT[e.kind] : undefined);
  if (explanation !== undefined) parts.push(oneLine(explanation));
  let text = parts.join(': ');
  if (e.attempts !== undefined && e.attempts > 1) text += ` (gave up after ${e.attempts} attempts)`;
  return text;
}

/** Connect messages can be multi-line (validation errors); a one-line summary keeps the footer readable. */
function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, ' · ').trim();
}

export function isConnectError(e: unknown): e is ConnectError {
  return e instanceof ConnectError;
}

/** Connect said 404 (unknown connector, task, logger, plugin — or an endpoint this version lacks). */
export function isNotFound(e: unknown): e is ConnectError {
  return isConnectError(e) && e.kind === 'http' && e.status === 404;
}

/** Connect said 409: already exists, or a rebalance that outlasted the retry budget. */
export function isConflict(e: unknown): e is ConnectError {
  return isConnectError(e) && e.kind === 'http' && e.status === 409;
}

export function isAuthError(e: unknown): e is ConnectError {
  return isConnectError(e) && (e.status === 401 || e.status === 403);
}

/**
 * The worker does not have this endpoint or method at all (JAX-RS default texts), as opposed to
 * "the endpoint exists but the connector does not". Used to feature-detect when the version is unknown.
 */
export function isUnknownEndpoint(e: unknown): e is ConnectError {
  if (!isConnectError(e) || e.kind !== 'http') return false;
  if (e.status === 405) return true;
  return (
    e.status === 404 && (e.connectMessage === undefined || /^HTTP 404 Not Found$/.test(e.connectMessage))
  );
}

/** Like describeError, without the `[context] METHOD url → ` a ConnectError starts with. */
export function describeReason(e: unknown): string {
  return isConnectError(e) ? e.reason : describeError(e);
}

/** One human-readable line for anything thrown; never a stack trace. */
export function describeError(e: unknown): string {
  if (e instanceof Error) {
    const message = e.message.trim();
    if (isConnectError(e)) return message;
    return message === '' ? e.name : oneLine(message);
  }
  if (typeof e === 'string') return oneLine(e);
  try {
    return JSON.stringify(e) ?? String(e);
  } catch {
    return String(e);
  }
}
