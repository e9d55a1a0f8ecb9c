// The connector config loaders behind `kcx apply` and `kcx validate`: JSON, YAML (bundles, defaults,
// multi-document, anchors), .properties, and their errors with line and column.
import { describe, expect, it } from 'vitest';
import {
  type ConfigFormat,
  checkUniqueNames,
  formatOfPath,
  parseConnectorFile,
  sniffFormat,
} from '../../src/domain/config-files.js';
import { InputError } from '../../src/domain/input-error.js';
import { parseOffsetsFile } from '../../src/domain/offsets-file.js';
import { parseProperties } from '../../src/domain/properties-file.js';

const CLS = 'FileStreamSink';
const load = (text: string, format: ConfigFormat = 'yaml', file = 'f') =>
  parseConnectorFile(text, file, format);
const configs = (text: string, format: ConfigFormat = 'yaml') =>
  Object.fromEntries(load(text, format).map((s) => [s.name, s.config]));

function inputError(fn: () => unknown): InputError {
  try {
    fn();
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('expected an InputError');
}

describe('JSON', () => {
  it('a flat config object with name', () => {
    expect(
      configs(`{"name": "a", "connector.class": "${CLS}", "tasks.max": 2, "x.enabled": true}`, 'json'),
    ).toEqual({
      a: { name: 'a', 'connector.class': CLS, 'tasks.max': '2', 'x.enabled': 'true' },
    });
  });

  it('{name, config} (as GET /connectors/{name} returns it, tasks and type ignored) and arrays of both', () => {
    const text = JSON.stringify([
      { name: 'a', config: { 'connector.class': CLS, name: 'a' }, tasks: [], type: 'sink' },
      { name: 'b', 'connector.class': CLS },
    ]);
    expect(load(text, 'json').map((s) => s.name)).toEqual(['a', 'b']);
  });

  it('keeps numbers as written', () => {
    expect(
      configs(
        `{"name": "a", "connector.class": "${CLS}", "ratio": 1.50, "big": 12345678901234567890}`,
        'json',
      ).a,
    ).toMatchObject({
      ratio: '1.50',
      big: '12345678901234567890',
    });
  });

  it('syntax errors carry line and column', () => {
    const e = inputError(() => load('{\n  "name": "a",\n  "config": {"x": 1,}\n}', 'json', 'c.json'));
    expect(e.message).toMatch(/^c\.json:3:21: invalid JSON: /);
    expect(e.where).toEqual({ file: 'c.json', line: 3, col: 21 });
    expect(inputError(() => load('{"name": "a"', 'json', 'd.json')).message).toMatch(
      /^d\.json:1:13: invalid JSON/,
    );
  });

  it('values must be strings, numbers or booleans', () => {
    expect(
      inputError(() => load(`{"name": "a", "connector.class": "${CLS}", "x": [1]}`, 'json')).message,
    ).toMatch(/^f:1:\d+: x must be a string, not a list$/);
    expect(
      inputError(() => load(`{"name": "a", "connector.class": "${CLS}", "x": null}`, 'json')).message,
    ).toContain('x has no value');
  });
});

describe('YAML', () => {
  it('a bundle: defaults merged into each connector, the connector winning', () => {
    const c = configs(`defaults:
  tasks.max: 2
  key.converter: org.apache.kafka.connect.json.JsonConverter
connectors:
  - name: a
    config:
      connector.class: ${CLS}
  - name: b
    config:
      connector.class: ${CLS}
      tasks.max: "5"
`);
    expect(c.a).toEqual({
      name: 'a',
      'tasks.max': '2',
      'key.converter': 'org.apache.kafka.connect.json.JsonConverter',
      'connector.class': CLS,
    });
    expect(c.b?.['tasks.max']).toBe('5');
  });

  it('multi-document: a defaults-only document applies to the rest of the file; each document may add its own', () => {
    const c = configs(`defaults: {topics: shared, tasks.max: 1}
---
name: a
connector.class: ${CLS}
---
defaults: {tasks.max: 3}
connectors:
  - {name: b, config: {connector.class: ${CLS}}}
---
name: c
config: {connector.class: ${CLS}}
`);
    expect(c.a).toMatchObject({ topics: 'shared', 'tasks.max': '1' });
    expect(c.b).toMatchObject({ topics: 'shared', 'tasks.max': '3' });
    expect(c.c).toMatchObject({ topics: 'shared', 'tasks.max': '1' });
  });

  it('a top-level list of connectors, and anchors with merge keys', () => {
    const c = configs(`- &base
  name: a
  connector.class: ${CLS}
  topics: t
- <<: *base
  name: b
`);
    expect(c.b).toEqual({ name: 'b', 'connector.class': CLS, topics: 't' });
  });

  it('scalars keep their text: 1.0, 0x1F and yes stay as written; quoted strings as they are', () => {
    const c = configs(`name: a\nconnector.class: ${CLS}\nr: 1.0\nh: 0x1F\ny: yes\nq: "007"\nb: false\n`);
    expect(c.a).toMatchObject({ r: '1.0', h: '0x1F', y: 'yes', q: '007', b: 'false' });
  });

  it('the config name must agree with the connector name, and defaults cannot name', () => {
    expect(inputError(() => load(`name: a\nconfig:\n  name: b\n  connector.class: ${CLS}\n`)).message).toBe(
      'f:3:9: config.name "b" does not match the connector\'s name "a"',
    );
    expect(
      inputError(() =>
        load(`defaults: {name: x}\nconnectors: [{name: a, config: {connector.class: ${CLS}}}]\n`),
      ).message,
    ).toContain('defaults cannot set name');
  });

  it.each([
    ['connectors:\n  - name: a\n    config: {topics: [1, 2}\n', /^f:3:\d+: /],
    ['name: a\nconnector.class: x\nname: b\n', /^f:3:1: Map keys must be unique/],
    [
      'connectors:\n  - name: lost\n    config: {topics: a}\n',
      /^f:2:5: connector lost has no connector\.class$/,
    ],
    ['defaults: [a]\nconnectors: []\n', /^f:1:11: defaults must be a map of config keys, not a list$/],
    ['defaults: just text\n', /^f:1:11: defaults must be a map of config keys, not a string$/],
    ['connectors: {a: 1}\n', /^f:1:13: connectors must be a list, not a map$/],
    ['connectors: []\nextra: 1\n', /^f:2:1: unknown key "extra" next to defaults\/connectors$/],
    ['- just a string\n', /^f:1:3: a connector must be a map, not a string$/],
    [`config: {connector.class: ${CLS}}\n`, /^f:1:1: a connector needs a name$/],
    [`topics: a\nconnector.class: ${CLS}\n`, /^f:1:1: a connector needs a name/],
    [
      `name: a\nconfig: {connector.class: ${CLS}}\ntasks.max: 1\n`,
      /^f:3:1: unknown key "tasks\.max" \(a connector is \{name, config\}\)$/,
    ],
    [`name: a\nconnector.class: ${CLS}\nx:\n`, /^f:3:3: x has no value/],
    [`name: a\nconnector.class: ${CLS}\nx: {y: 1}\n`, /^f:3:4: x must be a string, not a map$/],
    ['   \n', /^f: the file is empty$/],
    ['# only a comment\n', /^f: no connectors in this file$/],
    ['42\n', /^f:1:1: expected a connector \(a map\) or a list of connectors, not a number$/],
  ])('%j → %s', (text, message) => {
    expect(inputError(() => load(text)).message).toMatch(message);
  });
});

describe('.properties', () => {
  it('one connector, name= required, in connect-standalone syntax', () => {
    const c = configs(
      `# a comment\n! another\nname=p\nconnector.class = ${CLS}\ntopics: a,b\nfile /tmp/x y\nlong=one \\\n    two\nesc=tab\\there\\u00e9\\=\n`,
      'properties',
    );
    expect(c.p).toEqual({
      name: 'p',
      'connector.class': CLS,
      topics: 'a,b',
      file: '/tmp/x y',
      long: 'one two',
      esc: 'tab\there\u00e9=',
    });
  });

  it('without name= or connector.class, or with a bad escape: an error with the line', () => {
    expect(inputError(() => load(`connector.class=${CLS}\n`, 'properties')).message).toBe(
      'f: a .properties file needs name=… (the connector name)',
    );
    expect(inputError(() => load('name=p\n', 'properties')).message).toBe(
      'f:1: connector p has no connector.class',
    );
    expect(() => parseProperties('a=1\nb=\\u12\n', 'g')).toThrow('g:2: malformed \\uXXXX escape');
  });
});

describe('formats and names', () => {
  it('by extension, and sniffed from content for stdin', () => {
    expect(['a.json', 'b.YAML', 'c.yml', 'd.properties', 'e.txt'].map(formatOfPath)).toEqual([
      'json',
      'yaml',
      'yaml',
      'properties',
      undefined,
    ]);
    expect(sniffFormat('  {"name": "a"}')).toBe('json');
    expect(sniffFormat('[]')).toBe('json');
    expect(sniffFormat('# c\nname=a\nconnector.class=X\n')).toBe('properties');
    expect(sniffFormat('name: a\nconnector.class: X\n')).toBe('yaml');
    expect(sniffFormat('name: a=b\n')).toBe('yaml');
  });

  it('duplicate names are refused, naming both places', () => {
    const a = load(`name: dup\nconnector.class: ${CLS}\n`, 'yaml', 'a.yaml');
    const b = load(`name=dup\nconnector.class=${CLS}\n`, 'properties', 'b.properties');
    expect(() => checkUniqueNames([...a, ...b])).toThrow(
      'duplicate connector name "dup": declared at a.yaml:1:1 and at b.properties:1',
    );
    expect(() => checkUniqueNames(a)).not.toThrow();
  });
});

describe('offsets files', () => {
  it('accepts what offsets get -o json prints, or the bare list', () => {
    const entry = { partition: { kafka_topic: 't', kafka_partition: 0 }, offset: { kafka_offset: 5 } };
    expect(parseOffsetsFile(JSON.stringify({ offsets: [entry] }), 'o')).toEqual([entry]);
    expect(parseOffsetsFile(JSON.stringify([{ partition: { p: 1 }, offset: null }]), 'o')).toEqual([
      { partition: { p: 1 }, offset: null },
    ]);
  });

  it.each([
    ['', 'o: the file is empty'],
    ['{"offsets": [', 'o:1:14: invalid JSON'],
    ['{"offsets": []}', 'the offsets list is empty'],
    ['{"offsets": [], "x": 1}', 'with no other keys'],
    ['"text"', 'expected {"offsets": [...]}'],
    ['[{"offset": {}}]', 'offsets[0].partition must be an object'],
    ['[{"partition": {}}]', 'offsets[0] needs an offset'],
  ])('%j → %s', (text, message) => {
    expect(() => parseOffsetsFile(text, 'o')).toThrow(message);
  });
});
