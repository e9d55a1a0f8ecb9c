import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isConflict } from '../../src/connect/errors.js';
import { type RequestEvent, Transport, type TransportOptions } from '../../src/connect/http.js';
import {
  refusedPort,
  type SelfSignedCert,
  type Stub,
  selfSignedCert,
  startStub,
} from '../support/stub-server.js';
import { failure } from '../support/connect-failure.js';

const stubs: Stub[] = [];
const transports: Transport[] = [];
async function stub(routes: Parameters<typeof startStub>[0] = {}): Promise<Stub> {
  const s = await startStub(routes);
  stubs.push(s);
  return s;
}
function transport(options: TransportOptions): Transport {
  const t = new Transport(options);
  transports.push(t);
  return t;
}

afterEach(async () => {
  await Promise.all(transports.splice(0).map((t) => t.close()));
  await Promise.all(stubs.splice(0).map((s) => s.close()));
});

describe('Transport: requests', () => {
  it('sends JSON with the right headers and parses the JSON answer', async () => {
    const s = await stub({ routes: { 'POST /connectors': { status: 201, json: { name: 'x' } } } });
    const events: RequestEvent[] = [];
    const t = transport({ url: s.url, onRequest: (e) => events.push(e) });
    const res = await t.request<{ name: string }>('POST', '/connectors', { body: { name: 'x', config: {} } });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ name: 'x' });
    const req = s.requests[0];
    expect(req?.headers['content-type']).toBe('application/json');
    expect(req?.headers.accept).toBe('application/json');
    expect(JSON.parse(req?.body ?? '')).toEqual({ name: 'x', config: {} });
    expect(t.stats.requests).toBe(1);
    expect(events).toMatchObject([{ method: 'POST', path: '/connectors', status: 201, attempt: 1 }]);
  });

  it('sends no Content-Type without a body, repeats query keys, and keeps a base path', async () => {
    const s = await stub({ routes: { 'GET /connect/connectors': { status: 200, json: {} } } });
    const t = transport({ url: `${s.url}/connect/` });
    await t.request('GET', '/connectors', { query: { expand: ['status', 'info'], skip: undefined } });
    expect(s.requests[0]?.url).toBe('/connect/connectors?expand=status&expand=info');
    expect(s.requests[0]?.headers['content-type']).toBeUndefined();
  });

  it('accepts an empty 202/204 when no body is expected', async () => {
    const s = await stub({ routes: { 'PUT /connectors/a/pause': { status: 202 } } });
    const t = transport({ url: s.url });
    const res = await t.request('PUT', '/connectors/a/pause', { expect: 'empty' });
    expect(res.status).toBe(202);
    expect(res.body).toBeUndefined();
  });

  it('sends basic auth, bearer auth, and credentials taken from the URL (never shown)', async () => {
    const s = await stub({ routes: { 'GET /': { status: 200, json: { version: '4.0.0' } } } });
    await transport({ url: s.url, auth: { username: 'ops', password: 'p@ss:w' } }).request('GET', '/');
    await transport({ url: s.url, auth: { token: 'tok-123' } }).request('GET', '/');
    const withCreds = transport({ url: s.url.replace('http://', 'http://alice:s%40cret@') });
    await withCreds.request('GET', '/');
    expect(s.requests.map((r) => r.headers.authorization)).toEqual([
      `Basic ${Buffer.from('ops:p@ss:w').toString('base64')}`,
      'Bearer tok-123',
      `Basic ${Buffer.from('alice:s@cret').toString('base64')}`,
    ]);
    expect(withCreds.baseUrl).toBe(s.url);
    s.route('GET /', { status: 500, json: { error_code: 500, message: 'boom' } });
    const e = await failure(withCreds.request('GET', '/'));
    expect(e.message).not.toContain('alice');
    expect(e.message).not.toContain('cret');
  });

  it('never follows redirects', async () => {
    const s = await stub({
      routes: {
        'GET /connectors': { status: 307, headers: { location: '/elsewhere' } },
        'GET /elsewhere': { status: 200, json: [] },
      },
    });
    const e = await failure(transport({ url: s.url }).request('GET', '/connectors'));
    expect(e.kind).toBe('http');
    expect(e.status).toBe(307);
    expect(s.requests.map((r) => r.path)).toEqual(['/connectors']);
  });
});

describe('Transport: HTTP errors and bodies', () => {
  it("turns Connect's error body into an http error with a one-line message", async () => {
    const s = await stub({
      routes: {
        'PUT /connectors/a%20b/pause': {
          status: 404,
          json: { error_code: 404, message: 'Unknown connector a b' },
        },
      },
    });
    const t = transport({ url: s.url, context: 'prod' });
    const e = await failure(t.request('PUT', '/connectors/a%20b/pause', { expect: 'empty' }));
    expect(e).toMatchObject({
      kind: 'http',
      status: 404,
      errorCode: 404,
      connectMessage: 'Unknown connector a b',
    });
    expect(e.message).toBe(
      `[prod] PUT ${s.url}/connectors/a%20b/pause → 404 Not Found: Unknown connector a b`,
    );
  });

  it('flattens multi-line Connect messages to one line', async () => {
    const message =
      'Connector configuration is invalid and contains the following 1 error(s):\nMissing required configuration "topic" which has no default value.\nYou can also find the above list of errors at the endpoint `/connector-plugins/{connectorType}/config/validate`';
    const s = await stub({
      routes: { 'POST /connectors': { status: 400, json: { error_code: 400, message } } },
    });
    const e = await failure(transport({ url: s.url }).request('POST', '/connectors', { body: {} }));
    expect(e.connectMessage).toBe(message);
    expect(e.message).not.toContain('\n');
    expect(e.message).toContain('400 Bad Request: Connector configuration is invalid');
  });

  it('reports an HTML page from a proxy as bad-body, keeping status and a snippet', async () => {
    const html = `<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center>${' '.repeat(50)}${'x'.repeat(400)}</body></html>`;
    const s = await stub({
      routes: { 'GET /connectors': { status: 502, body: html, headers: { 'content-type': 'text/html' } } },
    });
    const e = await failure(transport({ url: s.url, context: 'prod' }).request('GET', '/connectors'));
    expect(e.kind).toBe('bad-body');
    expect(e.status).toBe(502);
    expect(e.message).toBe(
      `[prod] GET ${s.url}/connectors → 502 Bad Gateway: the response is HTML, not JSON (a proxy?)`,
    );
    expect(e.bodySnippet?.startsWith('<html><head><title>502 Bad Gateway')).toBe(true);
    expect(e.bodySnippet?.length).toBeLessThanOrEqual(201);
  });

  it('reports truncated JSON as bad-body with the parser reason', async () => {
    const s = await stub({ routes: { 'GET /connectors': { status: 200, partial: '{"a":{"status":' } } });
    const e = await failure(transport({ url: s.url, context: 'prod' }).request('GET', '/connectors'));
    expect(e.kind).toBe('bad-body');
    expect(e.message).toBe(
      `[prod] GET ${s.url}/connectors → 200 OK: truncated JSON (Unexpected end of JSON input)`,
    );
  });

  it('reports a body cut off by a dropped connection as bad-body, not a crash', async () => {
    const s = await stub({
      routes: { 'GET /connectors': { status: 200, cutAfter: '["a","b', declaredLength: 500 } },
    });
    const e = await failure(transport({ url: s.url }).request('GET', '/connectors'));
    expect(e.kind).toBe('bad-body');
    expect(e.status).toBe(200);
    expect(e.message).toContain('truncated response');
  });

  it('reports a non-JSON 200 and an empty 200 where JSON was expected', async () => {
    const s = await stub({
      routes: { 'GET /text': { status: 200, body: 'hello' }, 'GET /empty': { status: 200, body: '' } },
    });
    const t = transport({ url: s.url });
    const text = await failure(t.request('GET', '/text'));
    expect(text.kind).toBe('bad-body');
    expect(text.message).toContain('the response is not JSON');
    expect(text.bodySnippet).toBe('hello');
    const empty = await failure(t.request('GET', '/empty'));
    expect(empty.kind).toBe('bad-body');
    expect(empty.message).toContain('empty body where JSON was expected');
  });

  it('reports a 401 without a body as an http error with the status', async () => {
    const s = await stub({ routes: { 'GET /connectors': { status: 401 } } });
    const e = await failure(transport({ url: s.url }).request('GET', '/connectors'));
    expect(e).toMatchObject({ kind: 'http', status: 401 });
    expect(e.message).toMatch(/→ 401 Unauthorized$/);
  });
});

describe('Transport: raw bodies', () => {
  // A body of distinct bytes, so that a chunk put at the wrong offset shows.
  const text = Array.from({ length: 30_000 }, (_, i) => `${i},`).join('');
  const bytes = new TextEncoder().encode(text);
  const raw = (t: Transport, into?: Uint8Array) =>
    t.request<Uint8Array>('GET', '/connectors', { expect: 'raw', ...(into ? { into } : {}) });

  it.each([
    ['with a Content-Length', { status: 200, body: text }],
    ['chunked, without one', { status: 200, partial: text }],
  ] as const)('%s: into a buffer given when it fits, else into one of its own', async (_what, route) => {
    const s = await stub({ routes: { 'GET /connectors': route } });
    const t = transport({ url: s.url });
    const plain = (await raw(t)).body;
    expect(plain).toEqual(bytes);

    const roomy = new Uint8Array(bytes.byteLength + 10);
    const inRoomy = (await raw(t, roomy)).body;
    expect(inRoomy.buffer).toBe(roomy.buffer);
    expect(inRoomy).toEqual(bytes);

    // Too small: the first bytes may land in it, the body comes back whole in a buffer of its own.
    const small = new Uint8Array(70_000);
    const grown = (await raw(t, small)).body;
    expect(grown.buffer).not.toBe(small.buffer);
    expect(grown).toEqual(bytes);
    expect(grown.buffer.byteLength).toBeGreaterThanOrEqual(bytes.byteLength);
    // With room to spare: the same body a little longer still fits the buffer it came back in.
    expect(grown.buffer.byteLength).toBeGreaterThanOrEqual(bytes.byteLength + (bytes.byteLength >>> 3));
  });
});

describe('Transport: network failures', () => {
  it('connection refused', async () => {
    const port = await refusedPort();
    const e = await failure(
      transport({ url: `http://127.0.0.1:${port}`, context: 'prod' }).request('GET', '/connectors'),
    );
    expect(e.kind).toBe('connection-refused');
    expect(e.message).toBe(
      `[prod] GET http://127.0.0.1:${port}/connectors → connection refused (is the worker up?)`,
    );
  });

  it('DNS failure', async () => {
    const e = await failure(transport({ url: 'http://no-such-host.invalid:8083' }).request('GET', '/'));
    expect(e.kind).toBe('dns');
    expect(e.message).toContain('cannot resolve no-such-host.invalid');
  });

  it('a connection reset before the answer is a network error', async () => {
    const s = await stub({ routes: { 'GET /connectors': { reset: true } } });
    const e = await failure(transport({ url: s.url, context: 'prod' }).request('GET', '/connectors'));
    expect(e.kind).toBe('network');
    expect(e.message).toMatch(new RegExp(`^\\[prod\\] GET ${s.url}/connectors → connection failed: `));
  });

  it('times out a worker that never answers', async () => {
    const s = await stub({ routes: { 'GET /connectors': { hang: true } } });
    const e = await failure(
      transport({ url: s.url, context: 'prod', timeouts: { requestMs: 300 } }).request('GET', '/connectors'),
    );
    expect(e.kind).toBe('timeout');
    expect(e.message).toBe(`[prod] GET ${s.url}/connectors → timed out after 300ms`);
  });

  it('honours a per-request timeout override', async () => {
    const s = await stub({ routes: { 'GET /slow': { hang: true } } });
    const e = await failure(transport({ url: s.url }).request('GET', '/slow', { timeoutMs: 200 }));
    expect(e.kind).toBe('timeout');
    expect(e.message).toContain('timed out after 200ms');
  });

  it('warns that a timed-out write may still be applied', async () => {
    const s = await stub({ routes: { 'DELETE /connectors/a': { hang: true } } });
    const e = await failure(transport({ url: s.url }).request('DELETE', '/connectors/a', { timeoutMs: 200 }));
    expect(e.message).toMatch(/timed out after 200ms; the worker may still apply it$/);
  });

  describe('TLS', () => {
    let cert: SelfSignedCert;
    let s: Stub;
    beforeAll(async () => {
      cert = selfSignedCert();
      s = await startStub({
        tls: { key: cert.key, cert: cert.cert },
        routes: { 'GET /': { status: 200, json: { version: '4.0.0' } } },
      });
    });
    afterAll(async () => {
      await s.close();
      cert.cleanup();
    });

    it('rejects a self-signed certificate without a CA file, and says only the system CAs are trusted', async () => {
      const e = await failure(transport({ url: s.url }).request('GET', '/'));
      expect(e.kind).toBe('tls');
      expect(e.code).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
      expect(e.message).toBe(
        `[default] GET ${s.url}/ → TLS: self-signed certificate (DEPTH_ZERO_SELF_SIGNED_CERT) — not signed by the system's CAs (no CA file is set)`,
      );
    });

    it('names the CA file that does not vouch for the certificate', async () => {
      const other = selfSignedCert();
      try {
        const e = await failure(
          transport({ url: s.url, tls: { caFile: other.certFile } }).request('GET', '/'),
        );
        expect(e.kind).toBe('tls');
        expect(e.message).toContain(`— not signed by the CA in ${other.certFile}`);
      } finally {
        other.cleanup();
      }
    });

    it('says that a plain-HTTP worker does not speak TLS, instead of quoting OpenSSL', async () => {
      const plain = await stub({ routes: { 'GET /': { status: 200, json: { version: '4.0.0' } } } });
      const e = await failure(transport({ url: plain.url.replace('http:', 'https:') }).request('GET', '/'));
      expect(e.kind).toBe('tls');
      expect(e.message).toMatch(
        /→ TLS: the worker did not answer in TLS \(ERR_SSL_WRONG_VERSION_NUMBER\) — does it serve http:\/\/, not https:\/\/\?$/,
      );
    });

    it('trusts the certificate given as caFile', async () => {
      const res = await transport({ url: s.url, tls: { caFile: cert.certFile } }).request('GET', '/');
      expect(res.body).toEqual({ version: '4.0.0' });
    });

    it('accepts anything with insecure', async () => {
      const res = await transport({ url: s.url, tls: { insecure: true } }).request('GET', '/');
      expect(res.status).toBe(200);
    });

    it('rejects a certificate issued for another host name', async () => {
      const elsewhere = selfSignedCert('DNS:elsewhere.example');
      const other = await stub({ tls: { key: elsewhere.key, cert: elsewhere.cert } });
      try {
        const e = await failure(
          transport({ url: other.url, tls: { caFile: elsewhere.certFile } }).request('GET', '/'),
        );
        expect(e.kind).toBe('tls');
        expect(e.message).toContain(
          "TLS: the worker's certificate is for DNS:elsewhere.example, not 127.0.0.1 (ERR_TLS_CERT_ALTNAME_INVALID)",
        );
      } finally {
        elsewhere.cleanup();
      }
    });

    it('reports an unreadable CA file as a TLS error before connecting', async () => {
      const e = await failure(
        transport({ url: s.url, tls: { caFile: '/nonexistent/ca.pem' } }).request('GET', '/'),
      );
      expect(e.kind).toBe('tls');
      expect(e.message).toContain('cannot read CA file /nonexistent/ca.pem');
    });
  });
});

describe('Transport: 409 retry', () => {
  const rebalance = {
    status: 409,
    json: {
      error_code: 409,
      message:
        'Cannot complete request momentarily due to stale configuration (typically caused by a concurrent config change)',
    },
  };

  it('retries 409s and returns the eventual success', async () => {
    const s = await stub({
      routes: { 'POST /connectors/a/restart': [rebalance, rebalance, rebalance, { status: 204 }] },
    });
    const events: RequestEvent[] = [];
    const t = transport({
      url: s.url,
      retry409: { initialDelayMs: 5, maxDelayMs: 20 },
      onRequest: (e) => events.push(e),
    });
    const res = await t.request('POST', '/connectors/a/restart', { expect: 'any' });
    expect(res.status).toBe(204);
    expect(s.requests).toHaveLength(4);
    expect(t.stats.requests).toBe(4);
    expect(events.map((e) => [e.attempt, e.status])).toEqual([
      [1, 409],
      [2, 409],
      [3, 409],
      [4, 204],
    ]);
  });

  it('gives up after the budget and surfaces the 409', async () => {
    const s = await stub({ routes: { 'GET /connectors/a': rebalance } });
    const t = transport({ url: s.url, retry409: { budgetMs: 150, initialDelayMs: 10, maxDelayMs: 40 } });
    const e = await failure(t.request('GET', '/connectors/a'));
    expect(isConflict(e)).toBe(true);
    expect(s.requests.length).toBeGreaterThan(1);
    expect(e.attempts).toBe(s.requests.length);
    expect(e.message).toContain(`(gave up after ${s.requests.length} attempts)`);
    expect(e.message).toContain(
      '409 Conflict: Cannot complete request momentarily due to stale configuration',
    );
  });

  it('does not retry "already exists"', async () => {
    const s = await stub({
      routes: {
        'POST /connectors': { status: 409, json: { error_code: 409, message: 'Connector a already exists' } },
      },
    });
    const e = await failure(transport({ url: s.url }).request('POST', '/connectors', { body: {} }));
    expect(isConflict(e)).toBe(true);
    expect(s.requests).toHaveLength(1);
  });

  it('does not retry when the budget is 0', async () => {
    const s = await stub({ routes: { 'GET /connectors/a': rebalance } });
    const e = await failure(
      transport({ url: s.url, retry409: { budgetMs: 0 } }).request('GET', '/connectors/a'),
    );
    expect(e.status).toBe(409);
    expect(s.requests).toHaveLength(1);
  });
});
