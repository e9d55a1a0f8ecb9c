// biome-ignore-all lint/suspicious/noTemplateCurlyInString: config-provider references `${provider:path:key}` are literal test data here.
import { describe, expect, it } from 'vitest';
import { capabilitiesFor } from '../../../src/connect/version.js';
import {
  choosePatchOrPut,
  createPlan,
  diffConfigs,
  isEmptyConfigDiff,
  PATCH_MAX_KEYS,
  renderConfigDiff,
} from '../../../src/domain/editor/config-diff.js';
import { MASK } from '../../../src/domain/masking.js';

const live = {
  name: 'orders',
  'connector.class': 'io.confluent.connect.jdbc.JdbcSinkConnector',
  'connection.url': 'jdbc:postgresql://db/orders',
  'connection.password': 'hunter2',
  'tasks.max': '1',
  topics: 'orders',
};

describe('diffConfigs', () => {
  it('lists added, removed and changed keys, each sorted', () => {
    const next = { ...live, 'tasks.max': '4', 'auto.create': 'true', 'batch.size': '500' };
    delete (next as Record<string, string>).topics;
    const diff = diffConfigs(live, next);
    expect(diff.added.map((c) => c.key)).toEqual(['auto.create', 'batch.size']);
    expect(diff.removed.map((c) => c.key)).toEqual(['topics']);
    expect(diff.changed).toEqual([
      { key: 'tasks.max', kind: 'changed', before: '1', after: '4', masked: false },
    ]);
  });

  it('is empty when nothing changed', () => {
    expect(isEmptyConfigDiff(diffConfigs(live, { ...live }))).toBe(true);
  });

  it('does not count a name left out of the text as removed', () => {
    const { name: _, ...rest } = live;
    expect(isEmptyConfigDiff(diffConfigs(live, rest))).toBe(true);
  });

  it('masks secrets by default, and marks a change hidden inside a mask', () => {
    const diff = diffConfigs(live, { ...live, 'connection.password': 'correct horse' });
    expect(diff.changed).toEqual([
      {
        key: 'connection.password',
        kind: 'changed',
        before: MASK,
        after: MASK,
        masked: true,
        hiddenChange: true,
      },
    ]);
    expect(renderConfigDiff(diff)).toEqual([`~ connection.password: ${MASK} → ${MASK} (secret changed)`]);
  });

  it('masks values whose definition type is PASSWORD, whatever the key is called', () => {
    const diff = diffConfigs(
      {},
      { 'db.login.phrase': 'abc' },
      { passwordKeys: new Set(['db.login.phrase']) },
    );
    expect(diff.added[0]).toMatchObject({ after: MASK, masked: true });
  });

  it('masks the password inside a URL and still shows what else changed', () => {
    const before = { 'connection.uri': 'mongodb://kc:pa55@db1/x' };
    const after = { 'connection.uri': 'mongodb://kc:pa55@db2/x' };
    expect(renderConfigDiff(diffConfigs(before, after))).toEqual([
      `~ connection.uri: mongodb://kc:${MASK}@db1/x → mongodb://kc:${MASK}@db2/x`,
    ]);
  });

  it('never masks config-provider references', () => {
    const ref = '${file:/secrets/db.properties:password}';
    const diff = diffConfigs(live, { ...live, 'connection.password': ref });
    expect(diff.changed[0]).toMatchObject({ before: MASK, after: ref });
  });

  it('shows real values when revealed', () => {
    const diff = diffConfigs(live, { ...live, 'connection.password': 'new' }, { reveal: true });
    expect(diff.changed[0]).toMatchObject({ before: 'hunter2', after: 'new' });
  });

  it('renders one line per change in key order', () => {
    const next = { ...live, 'tasks.max': '2', 'auto.create': 'true', 'api.key': 'k' };
    delete (next as Record<string, string>).topics;
    expect(renderConfigDiff(diffConfigs(live, next))).toEqual([
      `+ api.key = ${MASK}`,
      '+ auto.create = true',
      '~ tasks.max: 1 → 2',
      '- topics',
    ]);
  });
});

describe('choosePatchOrPut', () => {
  const v38 = capabilitiesFor('3.8.0');
  const v37 = capabilitiesFor('3.7.1');

  it('has nothing to send when nothing changed', () => {
    expect(choosePatchOrPut(live, { ...live }, v38)).toMatchObject({ method: 'none' });
  });

  it('PATCHes a small change on Connect ≥ 3.8, with null for removed keys and real secrets', () => {
    const { topics: _, ...next } = {
      ...live,
      'tasks.max': '2',
      'connection.password': 'new-pw',
      'auto.create': 'true',
    };
    const plan = choosePatchOrPut(live, next, v38);
    expect(plan).toMatchObject({
      method: 'PATCH',
      body: { 'tasks.max': '2', 'connection.password': 'new-pw', 'auto.create': 'true', topics: null },
    });
    expect(plan.method === 'PATCH' && Object.keys(plan.body)).toHaveLength(4);
  });

  it('PUTs the whole config before 3.8, saying why', () => {
    const next = { ...live, 'tasks.max': '2' };
    const plan = choosePatchOrPut(live, next, v37);
    expect(plan).toEqual({
      method: 'PUT',
      body: next,
      reason: expect.stringContaining('needs Kafka Connect 3.8'),
    });
  });

  it(`PUTs when more than ${PATCH_MAX_KEYS} keys change`, () => {
    const next: Record<string, string> = { ...live };
    for (let i = 0; i <= PATCH_MAX_KEYS; i++) next[`k${i}`] = 'v';
    expect(choosePatchOrPut(live, next, v38).method).toBe('PUT');
    delete next.k0;
    expect(choosePatchOrPut(live, next, v38).method).toBe('PATCH');
  });

  it('PUTs a change of name, which PATCH would not check', () => {
    expect(choosePatchOrPut(live, { ...live, name: 'renamed' }, v38).method).toBe('PUT');
  });
});

describe('createPlan', () => {
  const config = { name: 'new-sink', 'connector.class': 'FileStreamSink', topics: 't' };

  it('POSTs the config under its name', () => {
    expect(createPlan(config, capabilitiesFor('2.8.0'))).toMatchObject({
      method: 'POST',
      body: { name: 'new-sink', config },
    });
  });

  it('sends initial_state only where Connect knows it (≥ 3.7), and refuses otherwise', () => {
    expect(createPlan(config, capabilitiesFor('3.7.0'), 'PAUSED')).toMatchObject({
      method: 'POST',
      body: { name: 'new-sink', config, initial_state: 'PAUSED' },
    });
    const old = createPlan(config, capabilitiesFor('3.6.2'), 'STOPPED');
    expect(old).toMatchObject({ method: 'none', reason: expect.stringContaining('3.7') });
    const running = createPlan(config, capabilitiesFor('3.6.2'), 'RUNNING');
    expect(running.method === 'POST' && 'initial_state' in running.body).toBe(false);
  });
});
