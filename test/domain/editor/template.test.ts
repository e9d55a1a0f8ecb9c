import { describe, expect, it } from 'vitest';
import type { ConfigInfos, ConfigKeyInfo } from '../../../src/connect/types.js';
import {
  cloneConfig,
  connectorTemplate,
  definitionsFromValidation,
  orderedKeys,
  renderConfig,
} from '../../../src/domain/editor/template.js';
import { jsonBody, loadTranscript } from '../../support/transcript.js';

// `GET /connector-plugins/FileStreamSourceConnector/config` from a real Connect 4.0 worker.
const fileSource = jsonBody<ConfigKeyInfo[]>(loadTranscript('04-plugin-config-def.txt'));
const FILE_SOURCE = 'org.apache.kafka.connect.file.FileStreamSourceConnector';

function def(name: string, spec: Partial<ConfigKeyInfo> = {}): ConfigKeyInfo {
  return {
    name,
    type: 'STRING',
    required: false,
    default_value: null,
    importance: 'LOW',
    documentation: null,
    group: null,
    width: 'NONE',
    display_name: name,
    dependents: [],
    order: -1,
    ...spec,
  };
}

describe('connectorTemplate', () => {
  it('has the class, tasks.max, the required keys and the important keys without a default', () => {
    expect(connectorTemplate({ class: FILE_SOURCE, type: 'source' }, fileSource)).toEqual({
      name: '',
      'connector.class': FILE_SOURCE,
      'tasks.max': '1',
      topic: '',
      file: '',
    });
  });

  it('leaves out optional keys that have defaults, and LOW keys without one', () => {
    const t = connectorTemplate({ class: FILE_SOURCE, type: 'source' }, fileSource);
    expect(t).not.toHaveProperty('batch.size');
    expect(t).not.toHaveProperty('key.converter');
    expect(t).not.toHaveProperty('errors.tolerance');
  });

  it('adds topics for a sink, and takes the name when given', () => {
    const defs = [
      def('connection.url', { required: true, importance: 'HIGH' }),
      def('topics', { default_value: '' }),
    ];
    expect(connectorTemplate({ class: 'JdbcSink', type: 'sink' }, defs, { name: 'to-pg' })).toEqual({
      name: 'to-pg',
      'connector.class': 'JdbcSink',
      'tasks.max': '1',
      'connection.url': '',
      topics: '',
    });
  });

  it('uses the definition default of tasks.max', () => {
    const defs = [def('tasks.max', { default_value: '3', importance: 'HIGH' })];
    expect(connectorTemplate({ class: 'X', type: 'source' }, defs)['tasks.max']).toBe('3');
  });

  it('can be made from a validate answer on clusters without the plugin config endpoint', () => {
    const infos = jsonBody<ConfigInfos>(loadTranscript('18-validate-ok.txt'));
    const defs = definitionsFromValidation(infos);
    expect(defs.map((d) => d.name)).toContain('topic');
    expect(connectorTemplate({ class: FILE_SOURCE, type: 'source' }, defs)).toEqual(
      connectorTemplate({ class: FILE_SOURCE, type: 'source' }, fileSource),
    );
  });
});

describe('cloneConfig', () => {
  it('keeps everything but the name', () => {
    const config = { name: 'a', 'connector.class': 'X', 'connection.password': 'pw' };
    expect(cloneConfig(config, 'b')).toEqual({
      name: 'b',
      'connector.class': 'X',
      'connection.password': 'pw',
    });
    expect(config.name).toBe('a');
  });
});

describe('renderConfig', () => {
  it('puts name, connector.class and tasks.max first, then the rest sorted, one key per line', () => {
    const config = { topics: 't', 'tasks.max': '1', 'a.key': 'x', 'connector.class': 'C', name: 'n' };
    expect(orderedKeys(config)).toEqual(['name', 'connector.class', 'tasks.max', 'a.key', 'topics']);
    expect(renderConfig(config)).toBe(
      '{\n  "name": "n",\n  "connector.class": "C",\n  "tasks.max": "1",\n  "a.key": "x",\n  "topics": "t"\n}',
    );
  });

  it('escapes what JSON needs escaped, and round-trips through JSON.parse', () => {
    const config = { 'connector.class': 'C', 'quote"key': 'line\nbreak\ttab "q" \\ 한글 😀' };
    expect(JSON.parse(renderConfig(config))).toEqual(config);
  });

  it('renders an empty config as {}', () => {
    expect(renderConfig({})).toBe('{}');
  });
});
