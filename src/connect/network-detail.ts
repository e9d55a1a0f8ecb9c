// What a request that never got an HTTP answer says: one line per kind of failure, naming the proxy
// when there is one (kcx then only ever connects to the proxy, so a refused or unresolved
// connection is the proxy's) and pointing at the TLS setting that would fix a TLS failure.
import type { ConnectErrorKind } from './errors.js';
import { type Classified, certificateNames, isTrustFailure } from './net-errors.js';
import type { ProxyChoice } from './proxy.js';

export interface FailureSite {
  /** The worker's host, as in its URL. */
  host: string;
  caFile?: string;
  insecure?: boolean;
  proxy?: ProxyChoice;
  /** The transport's own wording for a timeout (it knows the method and the limits). */
  timeoutText: (which: 'connect' | 'request') => string;
}

export interface NetworkDetail {
  kind: Extract<ConnectErrorKind, 'connection-refused' | 'dns' | 'tls' | 'timeout' | 'network'>;
  /** undefined: the kind's own text says it ("connection refused (is the worker up?)"). */
  detail?: string;
}

export function networkDetail(c: Classified, err: unknown, site: FailureSite): NetworkDetail {
  const code = c.code && !c.message.includes(c.code) ? ` (${c.code})` : '';
  if (site.proxy) {
    const viaProxy = proxyDetail(c, code, site.proxy, site);
    if (viaProxy) return viaProxy;
  }
  switch (c.kind) {
    case 'connection-refused':
      return { kind: c.kind };
    case 'dns':
      return { kind: 'dns', detail: `cannot resolve ${site.host}${c.code ? ` (${c.code})` : ''}` };
    case 'tls':
      return { kind: 'tls', detail: tlsDetail(c, code, err, site) };
    case 'timeout':
      return { kind: 'timeout', detail: site.timeoutText(c.timeout ?? 'request') };
    default:
      return { kind: 'network', detail: `connection failed: ${c.message}${code}` };
  }
}

function tlsDetail(c: Classified, code: string, err: unknown, site: FailureSite): string {
  if (c.code === 'ERR_SSL_WRONG_VERSION_NUMBER') {
    // OpenSSL's own text is a file name and line number.
    return `TLS: the worker did not answer in TLS${code} — does it serve http://, not https://?`;
  }
  if (c.code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    const names = certificateNames(err);
    return names
      ? `TLS: the worker's certificate is for ${names}, not ${site.host}${code}`
      : `TLS: ${c.message}${code}`;
  }
  if (isTrustFailure(c.code) && !site.insecure) {
    const trusted = site.caFile ? `the CA in ${site.caFile}` : `the system's CAs (no CA file is set)`;
    return `TLS: ${c.message}${code} — not signed by ${trusted}`;
  }
  return `TLS: ${c.message}${code}`;
}

/** Failures that are the proxy's, or undefined for those that are the worker's (e.g. its TLS). */
function proxyDetail(
  c: Classified,
  code: string,
  proxy: ProxyChoice,
  site: FailureSite,
): NetworkDetail | undefined {
  const named = `the proxy ${proxy.shown} (${proxy.source})`;
  if (c.kind === 'connection-refused') return { kind: c.kind, detail: `connection refused by ${named}` };
  if (c.kind === 'dns') {
    return { kind: 'dns', detail: `cannot resolve the host of ${named}${c.code ? ` (${c.code})` : ''}` };
  }
  if (c.kind === 'timeout' && c.timeout === 'connect') {
    return { kind: 'timeout', detail: `${site.timeoutText('connect')} connecting to ${named}` };
  }
  // undici: "Proxy response (403) !== 200 when HTTP Tunneling", "Proxy Authentication Required (407)".
  const status = /^Proxy (?:response|Authentication Required) \((\d{3})\)/.exec(c.message)?.[1];
  if (status === '407') {
    return {
      kind: 'network',
      detail: `${named} wants credentials (HTTP 407): put them in its URL, http://USER:PASSWORD@host:port`,
    };
  }
  if (status !== undefined) {
    return { kind: 'network', detail: `${named} would not open a tunnel to ${site.host} (HTTP ${status})` };
  }
  if (c.kind === 'network')
    return { kind: 'network', detail: `connection failed: ${c.message}${code} via ${named}` };
  return undefined;
}
