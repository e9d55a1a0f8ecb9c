// The hint under a failed command's error: what to look at for the usual causes. Each case is the
// error as the transport builds it; the wording of the errors themselves is tested with the client.
import { describe, expect, it } from 'vitest';
import { failureLines } from '../../src/cli/failure.js';
import { ConnectError, type ConnectErrorInit } from '../../src/connect/errors.js';

const error = (init: Partial<ConnectErrorInit>): ConnectError =>
  new ConnectError({
    kind: 'http',
    context: 'prod',
    method: 'GET',
    url: 'https://connect.prod:8083/',
    ...init,
  });

const hint = (init: Partial<ConnectErrorInit>): string | undefined =>
  failureLines(error(init))
    .find((l) => l.startsWith('hint: '))
    ?.slice('hint: '.length);

describe('hints', () => {
  it('401: credentials missing, or refused', () => {
    expect(hint({ status: 401 })).toContain('the worker wants credentials: give context prod an auth block');
    expect(hint({ status: 401, credentials: 'basic' })).toBe(
      'the worker refused the basic credentials of context prod; check them (kcx ctx show prod says where they come from)',
    );
  });

  it('403: with credentials it is a permission; without, maybe credentials are needed', () => {
    expect(hint({ status: 403, credentials: 'bearer' })).toContain('were accepted but may not do this');
    expect(hint({ status: 403 })).toContain('forbids this to anonymous requests');
  });

  it('TLS: trust, host name, plain HTTP, expiry and unreadable files each have their own hint', () => {
    expect(hint({ kind: 'tls', code: 'DEPTH_ZERO_SELF_SIGNED_CERT' })).toContain(
      "trust the worker's CA with tls.ca-file in context prod",
    );
    expect(hint({ kind: 'tls', code: 'ERR_TLS_CERT_ALTNAME_INVALID' })).toContain(
      'use a URL with a host name the certificate lists',
    );
    expect(hint({ kind: 'tls', code: 'ERR_SSL_WRONG_VERSION_NUMBER' })).toBe(
      'the worker speaks plain HTTP: use an http:// URL for context prod',
    );
    expect(hint({ kind: 'tls', code: 'CERT_HAS_EXPIRED' })).toContain('outside its validity dates');
    expect(hint({ kind: 'tls', detail: 'cannot read CA file /x (ENOENT)' })).toContain(
      'check the files under tls: in context prod',
    );
  });

  it('unreachable: the proxy when there is one; mutual TLS when an https worker hangs up', () => {
    expect(hint({ kind: 'connection-refused' })).toContain('is the worker up and the URL right?');
    expect(hint({ kind: 'connection-refused', proxy: 'http://proxy.corp:3128' })).toContain(
      'kcx goes through the proxy http://proxy.corp:3128',
    );
    expect(hint({ kind: 'network', code: 'UND_ERR_SOCKET' })).toContain(
      'set tls.cert-file and tls.key-file in context prod',
    );
    expect(hint({ kind: 'network', code: 'UND_ERR_SOCKET', url: 'http://connect.prod:8083/' })).toBe(
      'is the worker up and the URL right? kcx ctx show prints what this context points at',
    );
  });

  it('an HTML page instead of JSON: something else answered', () => {
    const html = {
      kind: 'bad-body',
      status: 502,
      detail: 'the response is HTML, not JSON (a proxy?)',
    } as const;
    expect(hint(html)).toContain('HTTP_PROXY / HTTPS_PROXY / NO_PROXY');
    expect(hint({ ...html, proxy: 'http://proxy.corp:3128' })).toContain(
      'the proxy http://proxy.corp:3128 may be answering instead of the worker',
    );
    expect(
      hint({ kind: 'bad-body', status: 200, detail: 'truncated response (other side closed)' }),
    ).toBeUndefined();
  });
});
