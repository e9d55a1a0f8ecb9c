// HTTP proxies between kcx and the worker (a bastion's HTTPS_PROXY): which requests take the proxy,
// that they really go through it (for http:// by forwarding, for https:// through a CONNECT tunnel
// with the worker's TLS settings still applied to the worker), and what a failing proxy says.
//
// Targets are made-up `.invalid` names that only the test proxy knows: a request that succeeds went
// through the proxy, one that fails with a DNS error went direct. The environment is always given
// explicitly (never this process's, where NO_PROXY often lists localhost).
import { afterEach, describe, expect, it } from 'vitest';
import { Transport, type TransportOptions } from '../../src/connect/http.js';
import { chooseProxy, isLoopback, noProxyMatches, type ProxySetting } from '../../src/connect/proxy.js';
import { failure } from '../support/connect-failure.js';
import { type ForwardProxy, type ForwardProxyOptions, startForwardProxy } from '../support/forward-proxy.js';
import { refusedPort, type Stub, selfSignedCert, startStub } from '../support/stub-server.js';

const WORKER = 'connect.kcx-proxy-test.invalid';
const VERSION = { 'GET /': { status: 200, json: { version: '4.0.0' } } };

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function stub(options: Parameters<typeof startStub>[0]): Promise<Stub> {
  const s = await startStub(options);
  cleanups.push(() => s.close());
  return s;
}

/** A proxy that maps WORKER (any port) to the stub. */
async function proxyTo(s: Stub, options: ForwardProxyOptions = {}): Promise<ForwardProxy> {
  const p = await startForwardProxy({ hosts: { [WORKER]: `127.0.0.1:${s.port}` }, ...options });
  cleanups.push(() => p.close());
  return p;
}

function transport(options: TransportOptions): Transport {
  const t = new Transport({ context: 'prod', ...options });
  cleanups.push(() => t.close());
  return t;
}

const env = (vars: Record<string, string>): ProxySetting => ({ from: 'env', env: vars });

describe('which requests take a proxy', () => {
  const url = (u: string) => new URL(u);

  it('http:// takes http_proxy / HTTP_PROXY, https:// takes https_proxy / HTTPS_PROXY; lower case wins', () => {
    const vars = { HTTP_PROXY: 'http://upper:1', http_proxy: 'http://lower:2', HTTPS_PROXY: 'http://tls:3' };
    expect(chooseProxy(url('http://connect.corp:8083'), env(vars))?.shown).toBe('http://lower:2');
    expect(chooseProxy(url('http://connect.corp:8083'), env(vars))?.source).toBe('$http_proxy');
    expect(chooseProxy(url('https://connect.corp:8083'), env(vars))?.shown).toBe('http://tls:3');
    // HTTP_PROXY is not used for https:// (as curl and Go do): set HTTPS_PROXY for that.
    expect(chooseProxy(url('https://connect.corp:8083'), env({ HTTP_PROXY: 'http://p:1' }))).toBeUndefined();
    expect(chooseProxy(url('http://connect.corp:8083'), env({ HTTP_PROXY: '' }))).toBeUndefined();
  });

  it('reads host:port without a scheme as http://, and never shows the credentials', () => {
    const bare = chooseProxy(url('http://c:8083'), env({ HTTP_PROXY: 'proxy.corp:3128' }));
    expect(bare?.url.href).toBe('http://proxy.corp:3128/');
    const withAuth = chooseProxy(
      url('http://c:8083'),
      env({ HTTP_PROXY: 'http://ops:s3cret@proxy.corp:3128' }),
    );
    expect(withAuth?.shown).toBe('http://proxy.corp:3128');
    expect(withAuth?.url.password).toBe('s3cret');
  });

  it('refuses a proxy that is not an HTTP(S) URL, naming the variable but not its value', () => {
    expect(() => chooseProxy(url('http://c:8083'), env({ HTTP_PROXY: 'socks5://u:pw@p:1080' }))).toThrow(
      'the proxy ($HTTP_PROXY) is socks5://…; kcx speaks to HTTP and HTTPS proxies only',
    );
    expect(() => chooseProxy(url('http://c:8083'), env({ HTTP_PROXY: 'http://[bad' }))).toThrow(
      'the proxy ($HTTP_PROXY) is not a URL',
    );
  });

  it('goes direct to loopback addresses whatever the environment says (port-forwards, kcx demo)', () => {
    const vars = { HTTP_PROXY: 'http://p:1', HTTPS_PROXY: 'http://p:1' };
    for (const u of [
      'http://localhost:8083',
      'http://127.0.0.1:8083',
      'https://[::1]:8083',
      'http://127.9.9.9',
    ]) {
      expect(chooseProxy(url(u), env(vars)), u).toBeUndefined();
    }
    expect(isLoopback('[::ffff:7f00:1]')).toBe(true);
    expect(isLoopback('10.0.0.1')).toBe(false);
    expect(isLoopback('localhost.corp')).toBe(false);
  });

  it('a proxy set for the context is used for every URL; `none` ignores the environment', () => {
    expect(chooseProxy(url('http://127.0.0.1:8083'), { from: 'url', url: 'http://p:1' })?.source).toBe(
      'the context',
    );
    expect(chooseProxy(url('http://connect.corp'), { from: 'none' })).toBeUndefined();
  });

  it('NO_PROXY: domains with their subdomains, *, IPs and CIDR ranges, optional ports; no_proxy wins', () => {
    const cases: [string, string, number, boolean][] = [
      ['corp.example', 'connect.corp.example', 8083, true],
      ['.corp.example', 'corp.example', 8083, true],
      ['*.corp.example', 'a.b.corp.example', 8083, true],
      ['corp.example', 'notcorp.example', 8083, false],
      ['CONNECT.Corp.Example.', 'connect.corp.example', 8083, true],
      ['*', 'anything', 1, true],
      ['connect.corp:8083', 'connect.corp', 8083, true],
      ['connect.corp:8083', 'connect.corp', 443, false],
      ['10.0.0.0/8', '10.20.30.40', 8083, true],
      ['10.0.0.0/8', '11.0.0.1', 8083, false],
      ['10.0.0.0/8', 'ten.example', 8083, false],
      ['fd00::/8', 'fd12::1', 8083, true],
      ['[fd12::1]:8083', 'fd12::1', 8083, true],
      ['localhost, 127.0.0.1 .internal', 'connect-1.internal', 8083, true],
      ['localhost,127.0.0.1', 'connect-1.internal', 8083, false],
      ['', 'connect.corp', 8083, false],
      // An address is not a domain: no suffix matching on it.
      ['0.1', '10.0.0.1', 8083, false],
      ['10.0.0.1', '10.0.0.1', 8083, true],
    ];
    for (const [noProxy, host, port, bypass] of cases) {
      expect(noProxyMatches(noProxy, host, port), `NO_PROXY=${noProxy} for ${host}:${port}`).toBe(bypass);
    }
    const vars = { HTTP_PROXY: 'http://p:1', NO_PROXY: 'elsewhere', no_proxy: 'corp.example' };
    expect(chooseProxy(url('http://connect.corp.example'), env(vars))).toBeUndefined();
  });
});

describe('requests through a proxy', () => {
  it('forwards an http:// request through HTTP_PROXY (a name only the proxy can resolve)', async () => {
    const s = await stub({ routes: VERSION });
    const p = await proxyTo(s);
    const t = transport({ url: `http://${WORKER}:8083`, proxy: env({ HTTP_PROXY: p.url }) });
    const res = await t.request('GET', '/');
    expect(res.body).toEqual({ version: '4.0.0' });
    expect(p.seen).toEqual([`GET http://${WORKER}:8083/`]);
    expect(s.requests.map((r) => r.url)).toEqual(['/']);
  });

  it('goes direct when NO_PROXY matches: kcx resolves the name itself, the proxy sees nothing', async () => {
    const s = await stub({ routes: VERSION });
    const p = await proxyTo(s);
    const t = transport({
      url: `http://${WORKER}:8083`,
      proxy: env({ HTTP_PROXY: p.url, NO_PROXY: 'localhost,127.0.0.1,.kcx-proxy-test.invalid' }),
    });
    const e = await failure(t.request('GET', '/'));
    expect(e.kind).toBe('dns');
    expect(e.proxy).toBeUndefined();
    expect(p.seen).toEqual([]);
  });

  it('goes direct to a loopback worker with HTTP_PROXY set and no NO_PROXY at all', async () => {
    const s = await stub({ routes: VERSION });
    const p = await proxyTo(s);
    const t = transport({ url: s.url, proxy: env({ HTTP_PROXY: p.url, HTTPS_PROXY: p.url }) });
    expect((await t.request('GET', '/')).status).toBe(200);
    expect(p.seen).toEqual([]);
    expect(s.requests).toHaveLength(1);
  });

  it('tunnels https:// through HTTPS_PROXY with CONNECT, checking the worker against the CA file', async () => {
    const cert = selfSignedCert(`DNS:${WORKER}`);
    cleanups.push(() => cert.cleanup());
    const s = await stub({ tls: { key: cert.key, cert: cert.cert }, routes: VERSION });
    const p = await proxyTo(s);
    const proxy = env({ HTTPS_PROXY: p.url });
    const url = `https://${WORKER}:${s.port}`;

    const res = await transport({ url, proxy, tls: { caFile: cert.certFile } }).request('GET', '/');
    expect(res.body).toEqual({ version: '4.0.0' });
    expect(p.seen).toEqual([`CONNECT ${WORKER}:${s.port}`]);

    // Without the CA file the worker's certificate is not trusted: the TLS options reach the worker,
    // through the tunnel, and the error names the proxy it went through.
    const e = await failure(transport({ url, proxy }).request('GET', '/'));
    expect(e.kind).toBe('tls');
    expect(e.message).toContain("not signed by the system's CAs (no CA file is set)");
    expect(e.proxy).toBe(p.url);
    expect(p.seen).toHaveLength(2);

    expect((await transport({ url, proxy, tls: { insecure: true } }).request('GET', '/')).status).toBe(200);
  });

  it('sends the credentials of the proxy URL as Proxy-Authorization, never to the worker', async () => {
    const s = await stub({ routes: VERSION });
    const expected = `Basic ${Buffer.from('ops:pw').toString('base64')}`;
    const p = await proxyTo(s, { requireAuthorization: expected });
    const proxyUrl = `http://ops:pw@127.0.0.1:${p.port}`;
    const t = transport({ url: `http://${WORKER}:8083`, proxy: env({ HTTP_PROXY: proxyUrl }) });
    expect((await t.request('GET', '/')).status).toBe(200);
    expect(p.authorizations).toEqual([expected]);
    expect(s.requests[0]?.headers['proxy-authorization']).toBeUndefined();
  });
});

describe('a proxy that fails', () => {
  it('refused: names the proxy and where it was set, not the worker', async () => {
    const port = await refusedPort();
    const t = transport({
      url: `http://${WORKER}:8083`,
      proxy: env({ HTTP_PROXY: `http://127.0.0.1:${port}` }),
    });
    const e = await failure(t.request('GET', '/connectors'));
    expect(e.kind).toBe('connection-refused');
    expect(e.message).toBe(
      `[prod] GET http://${WORKER}:8083/connectors → connection refused by the proxy http://127.0.0.1:${port} ($HTTP_PROXY)`,
    );
  });

  it('wants credentials (407): says where they go', async () => {
    const s = await stub({ routes: VERSION });
    const p = await proxyTo(s, { requireAuthorization: 'Basic x' });
    const http = await failure(
      transport({ url: `http://${WORKER}:8083`, proxy: env({ HTTP_PROXY: p.url }) }).request('GET', '/'),
    );
    expect(http.message).toContain(`the proxy ${p.url} ($HTTP_PROXY) wants credentials (HTTP 407)`);
    const https = await failure(
      transport({ url: `https://${WORKER}:8443`, proxy: env({ HTTPS_PROXY: p.url }) }).request('GET', '/'),
    );
    expect(https.message).toContain(`the proxy ${p.url} ($HTTPS_PROXY) wants credentials (HTTP 407)`);
  });

  it('refuses the tunnel: says which host it would not reach', async () => {
    const s = await stub({ routes: VERSION });
    const p = await proxyTo(s, { refuseWith: 403 });
    const e = await failure(
      transport({ url: `https://${WORKER}:8443`, proxy: env({ HTTPS_PROXY: p.url }) }).request('GET', '/'),
    );
    expect(e.kind).toBe('network');
    expect(e.message).toBe(
      `[prod] GET https://${WORKER}:8443/ → the proxy ${p.url} ($HTTPS_PROXY) would not open a tunnel to ${WORKER} (HTTP 403)`,
    );
  });

  it("answers with its own HTML error page: the body is reported as not Connect's JSON", async () => {
    const s = await stub({ routes: VERSION });
    const p = await proxyTo(s, { refuseWith: 502 });
    const e = await failure(
      transport({ url: `http://${WORKER}:8083`, proxy: env({ HTTP_PROXY: p.url }) }).request('GET', '/'),
    );
    expect(e.kind).toBe('bad-body');
    expect(e.message).toContain('502 Bad Gateway: the response is HTML, not JSON (a proxy?)');
  });

  it('a bad proxy variable fails when the client is made, with the context in the message', () => {
    expect(
      () => new Transport({ url: 'http://c:8083', context: 'prod', proxy: env({ HTTP_PROXY: 'ftp://p' }) }),
    ).toThrow('[prod] the proxy ($HTTP_PROXY) is ftp://…; kcx speaks to HTTP and HTTPS proxies only');
  });
});
