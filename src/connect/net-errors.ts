// Maps what undici and Node throw (error codes buried in `cause` chains and AggregateErrors from
// happy-eyeballs connects) to the few kinds an operator can act on.

import type { ConnectErrorKind } from './errors.js';

export interface Classified {
  kind: Extract<ConnectErrorKind, 'connection-refused' | 'dns' | 'tls' | 'timeout' | 'network'>;
  /** Which timer fired, for the message. */
  timeout?: 'connect' | 'request';
  code?: string;
  message: string;
}

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_NODATA', 'EAI_FAIL']);

const TLS_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'HOSTNAME_MISMATCH',
  'EPROTO',
]);

/** The certificate is fine but nothing this client trusts signed it. */
const TRUST_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
]);

export function isTrustFailure(code: string | undefined): boolean {
  return code !== undefined && TRUST_CODES.has(code);
}

function isTlsCode(code: string): boolean {
  return TLS_CODES.has(code) || /^(ERR_TLS_|ERR_SSL_|CERT_)/.test(code);
}

interface ErrorLike {
  code?: unknown;
  message?: unknown;
  cause?: unknown;
  errors?: unknown;
}

/** Every error in the chain, outermost first. */
function chain(err: unknown): ErrorLike[] {
  const out: ErrorLike[] = [];
  const seen = new Set<unknown>();
  const queue: unknown[] = [err];
  while (queue.length > 0 && out.length < 20) {
    const e = queue.shift();
    if (e === null || typeof e !== 'object' || seen.has(e)) continue;
    seen.add(e);
    const like = e as ErrorLike;
    out.push(like);
    if (like.cause !== undefined) queue.push(like.cause);
    if (Array.isArray(like.errors)) queue.push(...like.errors);
  }
  return out;
}

export function classifyNetworkError(err: unknown): Classified {
  const links = chain(err);
  const codes = links.map((e) => (typeof e.code === 'string' ? e.code : undefined));
  const messageOf = (e: ErrorLike | undefined) =>
    typeof e?.message === 'string' && e.message !== '' ? e.message : undefined;
  const find = (pred: (code: string) => boolean) => {
    const i = codes.findIndex((c) => c !== undefined && pred(c));
    return i < 0
      ? undefined
      : { code: codes[i] as string, message: messageOf(links[i]) ?? (codes[i] as string) };
  };
  // Order matters: a TLS failure can surface as a socket error wrapping the TLS code.
  const tls = find(isTlsCode);
  if (tls) return { kind: 'tls', ...tls };
  const refused = find((c) => c === 'ECONNREFUSED');
  if (refused) return { kind: 'connection-refused', ...refused };
  const dns = find((c) => DNS_CODES.has(c));
  if (dns) return { kind: 'dns', ...dns };
  const connectTimeout = find((c) => c === 'UND_ERR_CONNECT_TIMEOUT' || c === 'ETIMEDOUT');
  if (connectTimeout) return { kind: 'timeout', timeout: 'connect', ...connectTimeout };
  const requestTimeout = find((c) => c === 'UND_ERR_HEADERS_TIMEOUT' || c === 'UND_ERR_BODY_TIMEOUT');
  if (requestTimeout) return { kind: 'timeout', timeout: 'request', ...requestTimeout };
  const any = find(() => true);
  return {
    kind: 'network',
    ...(any ? { code: any.code } : {}),
    message: any?.message ?? messageOf(links[0]) ?? String(err),
  };
}

/** The names a server certificate is for (`DNS:a, IP:1.2.3.4`), from a host-name mismatch error. */
export function certificateNames(err: unknown): string | undefined {
  for (const link of chain(err)) {
    const cert = (link as { cert?: { subjectaltname?: unknown } }).cert;
    if (typeof cert?.subjectaltname === 'string' && cert.subjectaltname !== '') return cert.subjectaltname;
  }
  return undefined;
}

/** "30s", "300ms", "1.5s" */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const s = ms / 1000;
  return Number.isInteger(s) ? `${s}s` : `${s.toFixed(1)}s`;
}
