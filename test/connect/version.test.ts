import { describe, expect, it } from 'vitest';
import { capabilitiesFor, FEATURES, parseVersion } from '../../src/connect/version.js';

describe('parseVersion', () => {
  it.each([
    ['4.0.0', 'apache', 4, 0],
    ['3.9.0-SNAPSHOT', 'apache', 3, 9],
    ['2.7.1', 'apache', 2, 7],
    ['3.7.0.redhat-00007', 'apache', 3, 7],
    ['4.1.0-rc1', 'apache', 4, 1],
    ['7.9.0-ccs', 'confluent', 3, 9],
    ['7.5.0-ce', 'confluent', 3, 5],
    ['6.1.1-ccs', 'confluent', 2, 7],
    ['6.0.0-ccs', 'confluent', 2, 6],
    ['6.2.4-ce', 'confluent', 2, 8],
    ['5.5.0-ccs', 'confluent', 2, 5],
    ['8.0.0-ccs', 'confluent', 4, 0],
    ['8.1.0-ce', 'confluent', 4, 1],
    ['4.1.3-ccs', 'confluent', 1, 1],
    // No suffix: 5–8 can only be Confluent; 4.x is taken to be Apache.
    ['7.4.0', 'confluent', 3, 4],
    ['4.1.0', 'apache', 4, 1],
  ])('%s → %s %i.%i', (raw, distribution, major, minor) => {
    expect(parseVersion(raw)).toMatchObject({ distribution, major, minor });
  });

  it('keeps the Confluent version and drops the meaningless patch mapping', () => {
    expect(parseVersion('6.1.1-ccs')).toEqual({
      raw: '6.1.1-ccs',
      distribution: 'confluent',
      major: 2,
      minor: 7,
      confluent: '6.1.1',
    });
    expect(parseVersion('3.9.1')?.patch).toBe(1);
  });

  it('rejects what is not a version', () => {
    expect(parseVersion('')).toBeUndefined();
    expect(parseVersion('latest')).toBeUndefined();
  });
});

describe('capabilitiesFor', () => {
  it('explains a missing feature in the words of the product spec', () => {
    const caps = capabilitiesFor('2.7.1');
    expect(caps.kafkaVersion).toBe('2.7');
    expect(caps.supports('stop')).toBe(false);
    expect(caps.reason('stop')).toBe('stop needs Kafka Connect 3.5, this cluster is 2.7');
    expect(caps.supports('expand')).toBe(true);
    expect(caps.reason('expand')).toBeUndefined();
  });

  it('names the Confluent version when it was mapped', () => {
    expect(capabilitiesFor('6.1.1-ccs').reason('stop')).toBe(
      'stop needs Kafka Connect 3.5, this cluster is 2.7 (Confluent Platform 6.1.1)',
    );
  });

  it('treats removed features as unsupported from the removal on', () => {
    expect(capabilitiesFor('2.7.0').supports('tasks-config')).toBe(false);
    expect(capabilitiesFor('2.8.0').supports('tasks-config')).toBe(true);
    expect(capabilitiesFor('3.9.0').supports('tasks-config')).toBe(true);
    expect(capabilitiesFor('4.0.0').reason('tasks-config')).toBe(
      'tasks-config was removed in Kafka Connect 4.0, this cluster is 4.0',
    );
  });

  it.each([
    ['expand', '2.2', '2.3'],
    ['loggers', '2.3', '2.4'],
    ['topics', '2.4', '2.5'],
    ['topics-reset', '2.4', '2.5'],
    ['restart-tasks', '2.8', '3.0'],
    ['plugins-all', '3.1', '3.2'],
    ['plugin-config', '3.1', '3.2'],
    ['stop', '3.4', '3.5'],
    ['offsets', '3.4', '3.5'],
    ['offsets-alter', '3.5', '3.6'],
    ['offsets-reset', '3.5', '3.6'],
    ['initial-state', '3.6', '3.7'],
    ['logger-scope', '3.6', '3.7'],
    ['logger-last-modified', '3.6', '3.7'],
    ['patch-config', '3.7', '3.8'],
    ['health', '3.8', '3.9'],
    ['status-version', '4.0', '4.1'],
    ['plugin-config-version', '4.0', '4.1'],
  ] as const)('%s: absent on %s, present on %s', (feature, before, since) => {
    expect(capabilitiesFor(`${before}.0`).supports(feature)).toBe(false);
    expect(capabilitiesFor(`${since}.0`).supports(feature)).toBe(true);
  });

  it('gives a table row per feature with its minimum version', () => {
    const table = capabilitiesFor('3.5.1').table();
    expect(table.map((r) => r.id)).toEqual(FEATURES.map((f) => f.id));
    expect(table.find((r) => r.id === 'stop')).toMatchObject({ since: '3.5', supported: true });
    expect(table.find((r) => r.id === 'patch-config')).toMatchObject({
      since: '3.8',
      supported: false,
      reason: expect.stringContaining('needs Kafka Connect 3.8'),
    });
  });

  it('assumes everything when the version is unreadable, and says it does not know', () => {
    const caps = capabilitiesFor('weird-build');
    expect(caps.known).toBe(false);
    expect(caps.kafkaVersion).toBeUndefined();
    expect(caps.supports('stop')).toBe(true);
    expect(caps.table().every((r) => r.supported === undefined)).toBe(true);
  });
});
