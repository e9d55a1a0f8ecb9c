// Whether kcx reaches a worker through an HTTP proxy, and which: the conventional HTTP_PROXY /
// HTTPS_PROXY / NO_PROXY variables (lower-case spellings first, as curl reads them), or a proxy named
// for the context. A Transport talks to one origin, so this is decided once per client.
//
// Loopback targets never take a proxy from the environment (as in Go's net/http): a proxy cannot
// reach this machine's loopback, and `kubectl port-forward` or `kcx demo` on localhost must keep
// working on a bastion that exports HTTPS_PROXY.
import { BlockList, isIP } from 'node:net';

export type ProxySetting =
  /** HTTP_PROXY / HTTPS_PROXY / NO_PROXY of this environment. */
  | { from: 'env'; env: Readonly<Record<string, string | undefined>> }
  /** This proxy for every request, whatever the environment says. */
  | { from: 'url'; url: string }
  /** Always direct. */
  | { from: 'none' };

export interface ProxyChoice {
  url: URL;
  /** The proxy as messages show it: without credentials. */
  shown: string;
  /** Where it was set, for messages: `$HTTPS_PROXY`, `the context`. */
  source: string;
}

export class ProxyConfigError extends Error {
  override readonly name = 'ProxyConfigError';
}

/** The proxy for requests to `target`, or undefined to connect directly. */
export function chooseProxy(target: URL, setting: ProxySetting): ProxyChoice | undefined {
  if (setting.from === 'none') return undefined;
  if (setting.from === 'url') return parseProxyUrl(setting.url, 'the context');
  const env = setting.env;
  const https = target.protocol === 'https:';
  const [name, value] = https
    ? firstSet(env, ['https_proxy', 'HTTPS_PROXY'])
    : firstSet(env, ['http_proxy', 'HTTP_PROXY']);
  if (value === undefined) return undefined;
  const host = hostOf(target);
  if (isLoopback(host)) return undefined;
  const [, noProxy = ''] = firstSet(env, ['no_proxy', 'NO_PROXY']);
  if (noProxyMatches(noProxy, host, portOf(target))) return undefined;
  return parseProxyUrl(value, `$${name}`);
}

/**
 * NO_PROXY: entries separated by commas or spaces. `*` matches every host; `example.com`,
 * `.example.com` and `*.example.com` match that domain and its subdomains; an IP address matches
 * itself and `10.0.0.0/8` the addresses in it; `host:port` only that port.
 */
export function noProxyMatches(noProxy: string, host: string, port: number): boolean {
  const target = normaliseHost(host);
  for (const raw of noProxy.split(/[,\s]+/)) {
    const entry = raw.trim().toLowerCase();
    if (entry === '') continue;
    if (entry === '*') return true;
    const { name, port: entryPort } = splitHostPort(entry);
    if (entryPort !== undefined && entryPort !== port) continue;
    if (name.includes('/')) {
      if (inSubnet(target, name)) return true;
      continue;
    }
    const domain = normaliseHost(name.replace(/^\*?\./, ''));
    // An address matches only itself: `0.1` must not match 10.0.0.1 as a domain suffix would.
    if (isIP(target) !== 0) {
      if (target === domain) return true;
      continue;
    }
    if (domain !== '' && (target === domain || target.endsWith(`.${domain}`))) return true;
  }
  return false;
}

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

export function isLoopback(host: string): boolean {
  const h = normaliseHost(host);
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  const family = isIP(h);
  // The BlockList also matches IPv4-mapped IPv6 (::ffff:7f00:1), the form URL gives ::ffff:127.0.0.1.
  return family !== 0 && LOOPBACK.check(h, family === 4 ? 'ipv4' : 'ipv6');
}

/** A proxy URL as the variables hold it; `proxy.example:3128` without a scheme means http://. */
function parseProxyUrl(value: string, source: string): ProxyChoice {
  let url: URL;
  try {
    url = new URL(value.includes('://') ? value : `http://${value}`);
  } catch {
    throw new ProxyConfigError(`the proxy (${source}) is not a URL; expected e.g. http://proxy.example:3128`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ProxyConfigError(
      `the proxy (${source}) is ${url.protocol}//…; kcx speaks to HTTP and HTTPS proxies only`,
    );
  }
  // Credentials in the proxy URL are sent to the proxy, never shown.
  return { url, shown: url.origin, source };
}

function firstSet(
  env: Readonly<Record<string, string | undefined>>,
  names: readonly string[],
): [string, string] | [string, undefined] {
  for (const name of names) {
    const value = env[name]?.trim();
    if (value) return [name, value];
  }
  return [names[0] ?? '', undefined];
}

function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

function portOf(url: URL): number {
  return url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port);
}

function normaliseHost(host: string): string {
  return host
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '');
}

/** `host`, `host:port`, `[v6]`, `[v6]:port`, bare `v6` (its colons are not a port). */
function splitHostPort(entry: string): { name: string; port?: number } {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
  if (bracketed) {
    const [, name = '', port] = bracketed;
    return port === undefined ? { name } : { name, port: Number(port) };
  }
  const withPort = /^([^:]+):(\d+)$/.exec(entry);
  if (withPort) return { name: withPort[1] ?? '', port: Number(withPort[2]) };
  return { name: entry };
}

function inSubnet(address: string, cidr: string): boolean {
  const [net = '', bits = ''] = cidr.split('/');
  const family = isIP(net);
  if (family === 0 || isIP(address) !== family || !/^\d+$/.test(bits)) return false;
  const type = family === 4 ? 'ipv4' : 'ipv6';
  const list = new BlockList();
  try {
    list.addSubnet(net, Number(bits), type);
  } catch {
    return false;
  }
  return list.check(address, type);
}
