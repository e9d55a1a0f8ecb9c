import { describe, expect, it } from 'vitest';
import type { ConfigInfo, ConfigInfos, ConfigKeyInfo } from '../../../src/connect/types.js';
import { mapValidation, validationRequest } from '../../../src/domain/editor/validate-result.js';
import { jsonBody, loadTranscript } from '../../support/transcript.js';

function definition(name: string, type: ConfigKeyInfo['type'] = 'STRING'): ConfigKeyInfo {
  return {
    name,
    type,
    required: false,
    default_value: null,
    importance: 'HIGH',
    documentation: null,
    group: null,
    width: 'NONE',
    display_name: name,
    dependents: [],
    order: -1,
  };
}

function entry(name: string, errors: string[], type?: ConfigKeyInfo['type'] | null): ConfigInfo {
  return {
    definition: type === null ? null : definition(name, type),
    value: { name, value: null, recommended_values: [], errors, visible: true },
  };
}

describe('mapValidation', () => {
  // A real Connect 4.0 answer: tasks.max and batch.size are in the text, topic is missing.
  const recorded = jsonBody<ConfigInfos>(loadTranscript('19-validate-error.txt'));

  it('places errors beside the keys in the text and lists the others at the top', () => {
    const view = mapValidation(recorded, ['connector.class', 'name', 'tasks.max', 'batch.size']);
    expect(view.errorCount).toBe(3);
    expect([...view.byKey]).toEqual([
      ['tasks.max', ['Invalid value 0 for configuration tasks.max: Value must be at least 1']],
      ['batch.size', ['Invalid value abc for configuration batch.size: Not a number of type INT']],
    ]);
    expect(view.unplaced).toEqual([
      { key: 'topic', errors: ['Missing required configuration "topic" which has no default value.'] },
    ]);
  });

  it('reports the definition type of every key, and which are PASSWORD', () => {
    const infos: ConfigInfos = {
      name: 'x',
      error_count: 0,
      groups: [],
      configs: [
        entry('connection.user', []),
        entry('connection.password', [], 'PASSWORD'),
        entry('unknown.key', [], null),
      ],
    };
    const view = mapValidation(infos, []);
    expect(view.types.get('connection.user')).toBe('STRING');
    expect(view.types.get('connection.password')).toBe('PASSWORD');
    expect(view.types.has('unknown.key')).toBe(false);
    expect([...view.passwordKeys]).toEqual(['connection.password']);
  });

  it('places errors of keys without a definition by their value name, and merges repeated keys', () => {
    const infos: ConfigInfos = {
      name: 'x',
      error_count: 3,
      groups: [],
      configs: [entry('custom', ['bad'], null), entry('topics', ['one', 'two']), entry('topics', ['two'])],
    };
    const view = mapValidation(infos, ['custom', 'topics']);
    expect([...view.byKey]).toEqual([
      ['custom', ['bad']],
      ['topics', ['one', 'two']],
    ]);
    expect(view.unplaced).toEqual([]);
  });

  it('is clean for a valid answer', () => {
    const view = mapValidation(jsonBody<ConfigInfos>(loadTranscript('18-validate-ok.txt')), ['name']);
    expect(view.errorCount).toBe(0);
    expect(view.byKey.size).toBe(0);
    expect(view.unplaced).toEqual([]);
    expect(view.types.get('tasks.max')).toBe('INT');
  });
});

describe('validationRequest', () => {
  const cls = 'org.apache.kafka.connect.file.FileStreamSinkConnector';

  it('fills in the name of the connector being edited (validate does not)', () => {
    expect(
      validationRequest({ 'connector.class': cls, topics: 't' }, { kind: 'update', name: 'orders' }),
    ).toEqual({
      ok: true,
      pluginClass: cls,
      config: { 'connector.class': cls, topics: 't', name: 'orders' },
    });
  });

  it('refuses a renamed connector', () => {
    const r = validationRequest(
      { 'connector.class': cls, name: 'other' },
      { kind: 'update', name: 'orders' },
    );
    expect(r).toMatchObject({ ok: false, key: 'name' });
    expect(!r.ok && r.message).toContain('"orders"');
  });

  it('needs connector.class', () => {
    expect(validationRequest({ name: 'x', 'connector.class': ' ' }, { kind: 'create' })).toMatchObject({
      ok: false,
      key: 'connector.class',
    });
  });

  it('needs a name for a new connector, and sends the config as is', () => {
    expect(validationRequest({ 'connector.class': cls, name: '' }, { kind: 'create' })).toMatchObject({
      ok: false,
      key: 'name',
    });
    const config = { 'connector.class': cls, name: 'new-one' };
    expect(validationRequest(config, { kind: 'create' })).toEqual({ ok: true, pluginClass: cls, config });
  });
});
