import { describe, expect, it } from 'vitest';
import { parseJsonBody } from '../../src/connect/body.js';
import {
  ConnectError,
  describeError,
  describeReason,
  isConflict,
  isNotFound,
  isUnknownEndpoint,
} from '../../src/connect/errors.js';
import { path, queryString, segment } from '../../src/connect/paths.js';
import { backoffDelay, DEFAULT_RETRY_409 } from '../../src/connect/retry.js';

describe('paths', () => {
  it.each([
    ['a b', 'a%20b'],
    ['a/b', 'a%2Fb'],
    ['50%', '50%25'],
    ['what?', 'what%3F'],
    ['#1', '%231'],
    ['한글-커넥터', '%ED%95%9C%EA%B8%80-%EC%BB%A4%EB%84%A5%ED%84%B0'],
    ['🚀-sink', '%F0%9F%9A%80-sink'],
    ['org.apache.kafka.connect.transforms.Cast$Value', 'org.apache.kafka.connect.transforms.Cast%24Value'],
    ['..', '%2E%2E'],
  ])('encodes %s as one segment', (name, encoded) => {
    expect(segment(name)).toBe(encoded);
    expect(decodeURIComponent(segment(name))).toBe(name);
  });

  it('encodes every interpolation of the path template and nothing else', () => {
    expect(path`/connectors/${'a/b'}/tasks/${3}/status`).toBe('/connectors/a%2Fb/tasks/3/status');
  });

  it('builds query strings with repeated keys and without undefined values', () => {
    expect(queryString({ expand: ['status', 'info'], includeTasks: true, x: undefined })).toBe(
      '?expand=status&expand=info&includeTasks=true',
    );
    expect(queryString({ scope: 'a b&c' })).toBe('?scope=a%20b%26c');
    expect(queryString({})).toBe('');
  });
});

describe('ConnectError', () => {
  const base = { context: 'prod', method: 'GET', url: 'http://h:8083/connectors' };

  it('formats each kind as one line', () => {
    expect(new ConnectError({ ...base, kind: 'connection-refused' }).message).toBe(
      '[prod] GET http://h:8083/connectors → connection refused (is the worker up?)',
    );
    expect(new ConnectError({ ...base, kind: 'timeout', detail: 'timed out after 30s' }).message).toBe(
      '[prod] GET http://h:8083/connectors → timed out after 30s',
    );
    expect(
      new ConnectError({ ...base, kind: 'http', status: 500, statusText: 'Server Error', errorCode: 500 })
        .message,
    ).toBe('[prod] GET http://h:8083/connectors → 500 Server Error');
  });

  it('counts attempts when a retried 409 gave up', () => {
    const e = new ConnectError({
      ...base,
      kind: 'http',
      status: 409,
      statusText: 'Conflict',
      connectMessage: 'x',
    });
    expect(e.withAttempts(4).message).toBe(
      '[prod] GET http://h:8083/connectors → 409 Conflict: x (gave up after 4 attempts)',
    );
    expect(e.withAttempts(4).status).toBe(409);
  });

  it('gives the reason alone, without the context and the request, for places that show those already', () => {
    const e = new ConnectError({
      ...base,
      kind: 'http',
      status: 409,
      statusText: 'Conflict',
      connectMessage: 'x',
    }).withAttempts(3);
    expect(e.reason).toBe('409 Conflict: x (gave up after 3 attempts)');
    expect(e.message).toBe(`[prod] GET http://h:8083/connectors → ${e.reason}`);
    expect(describeReason(new ConnectError({ ...base, kind: 'connection-refused' }))).toBe(
      'connection refused (is the worker up?)',
    );
    expect(describeReason(new Error('boom'))).toBe('boom');
  });

  it('classifies with the helpers', () => {
    const notFound = new ConnectError({
      ...base,
      kind: 'http',
      status: 404,
      connectMessage: 'Connector a not found',
    });
    const noEndpoint = new ConnectError({
      ...base,
      kind: 'http',
      status: 404,
      connectMessage: 'HTTP 404 Not Found',
    });
    const proxy404 = new ConnectError({ ...base, kind: 'bad-body', status: 404, detail: 'html' });
    expect(isNotFound(notFound)).toBe(true);
    expect(isUnknownEndpoint(notFound)).toBe(false);
    expect(isUnknownEndpoint(noEndpoint)).toBe(true);
    expect(isNotFound(proxy404)).toBe(false);
    expect(isConflict(new ConnectError({ ...base, kind: 'http', status: 409 }))).toBe(true);
    expect(isConflict(new Error('409'))).toBe(false);
  });

  it('describes anything thrown without a stack trace', () => {
    const err = new Error('boom\n  at somewhere');
    expect(describeError(err)).toBe('boom · at somewhere');
    expect(describeError('plain')).toBe('plain');
    expect(describeError({ a: 1 })).toBe('{"a":1}');
    expect(describeError(undefined)).toBe('undefined');
    const ce = new ConnectError({ ...base, kind: 'dns', detail: 'cannot resolve h' });
    expect(describeError(ce)).toBe(ce.message);
    expect(describeError(ce)).not.toContain('    at ');
  });
});

describe('body parsing', () => {
  it('recognises truncation at the last position', () => {
    const r = parseJsonBody('[1,2', 'application/json');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.detail).toMatch(/^truncated JSON/);
  });

  it('recognises HTML by its start even without a content type', () => {
    const r = parseJsonBody('<!DOCTYPE html><p>hi</p>', undefined);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.detail).toBe('the response is HTML, not JSON (a proxy?)');
  });
});

describe('409 backoff', () => {
  it('grows exponentially, is capped, and jitters within half to full', () => {
    const policy = { ...DEFAULT_RETRY_409, initialDelayMs: 100, maxDelayMs: 1000 };
    expect(backoffDelay(policy, 1, () => 0)).toBe(50);
    expect(backoffDelay(policy, 1, () => 1)).toBe(100);
    expect(backoffDelay(policy, 3, () => 1)).toBe(400);
    expect(backoffDelay(policy, 10, () => 1)).toBe(1000);
    expect(backoffDelay(policy, 10, () => 0)).toBe(500);
  });
});
