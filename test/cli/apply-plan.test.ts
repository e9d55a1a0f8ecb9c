// The apply planner: create what is missing, update what differs, leave equal configs alone, and
// never show (or send) a mask.
import { describe, expect, it } from 'vitest';
import type { ConnectorConfig } from '../../src/connect/types.js';
import { countActions, diffConfigs, formatChange, planApply } from '../../src/domain/apply-plan.js';
import type { ConnectorSpec } from '../../src/domain/config-files.js';
import { InputError } from '../../src/domain/input-error.js';
import { MASK } from '../../src/domain/masking.js';

const spec = (name: string, config: ConnectorConfig): ConnectorSpec => ({
  name,
  config: { name, ...config },
  where: { file: 'f.yaml', line: 1 },
});
const live = (entries: [string, ConnectorConfig | undefined][]) => new Map(entries);

describe('planApply', () => {
  it('create / update / unchanged', () => {
    const plan = planApply(
      [
        spec('new', { 'connector.class': 'X' }),
        spec('same', { 'connector.class': 'X', topics: 'a' }),
        spec('changed', { 'connector.class': 'X', topics: 'b' }),
      ],
      live([
        ['new', undefined],
        // Key order and the position of `name` do not matter.
        ['same', { topics: 'a', 'connector.class': 'X', name: 'same' }],
        ['changed', { name: 'changed', 'connector.class': 'X', topics: 'a', extra: '1' }],
      ]),
    );
    expect(plan.map((p) => [p.name, p.action])).toEqual([
      ['new', 'create'],
      ['same', 'unchanged'],
      ['changed', 'update'],
    ]);
    expect(plan[2]?.changes).toEqual([
      { key: 'extra', kind: 'removed', before: '1' },
      { key: 'topics', kind: 'changed', before: 'a', after: 'b' },
    ]);
    expect(plan[0]?.changes.map((c) => c.kind)).toEqual(['added', 'added']);
    expect(countActions(plan)).toEqual({ create: 1, update: 1, unchanged: 1 });
  });

  it('a live config without name (an odd worker) still compares equal', () => {
    const [item] = planApply(
      [spec('a', { 'connector.class': 'X' })],
      live([['a', { 'connector.class': 'X' }]]),
    );
    expect(item?.action).toBe('unchanged');
  });

  it('a mask left in the file gets the live secret back', () => {
    const [item] = planApply(
      [spec('a', { 'connector.class': 'X', 'db.password': MASK, 'conn.url': `mongodb://u:${MASK}@h` })],
      live([
        ['a', { name: 'a', 'connector.class': 'X', 'db.password': 'real', 'conn.url': 'mongodb://u:pw@h' }],
      ]),
    );
    expect(item?.action).toBe('unchanged');
    expect(item?.config['db.password']).toBe('real');
    expect(item?.config['conn.url']).toBe('mongodb://u:pw@h');
  });

  it('a mask that cannot be restored is an input error, never sent', () => {
    expect(() =>
      planApply([spec('a', { 'connector.class': 'X', 'db.password': MASK })], live([['a', undefined]])),
    ).toThrow(InputError);
    expect(() =>
      planApply(
        [spec('a', { 'connector.class': 'X', 'other.password': MASK })],
        live([['a', { 'connector.class': 'X' }]]),
      ),
    ).toThrow(/other\.password holds a masked value/);
  });
});

describe('diffConfigs and formatChange', () => {
  it('sorted by key, with secrets masked', () => {
    const changes = diffConfigs(
      { a: '1', 'db.password': 'old', gone: 'x' },
      { a: '2', 'db.password': 'new', added: 'y', token: 't0k' },
    );
    expect(changes.map((c) => formatChange(c))).toEqual([
      '~ a: 1 → 2',
      '+ added: y',
      `~ db.password: ${MASK} (secret changed)`,
      '- gone: x',
      `+ token: ${MASK}`,
    ]);
  });

  it('keys the plugin declares PASSWORD are masked whatever their name', () => {
    const [change] = diffConfigs({}, { 'conn.opaque': 'hush' });
    expect(formatChange(change as never, { passwordKeys: new Set(['conn.opaque']) })).toBe(
      `+ conn.opaque: ${MASK}`,
    );
  });
});
