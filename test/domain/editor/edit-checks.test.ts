import { describe, expect, it } from 'vitest';
import type { ConfigInfos } from '../../../src/connect/types.js';
import { capabilitiesFor } from '../../../src/connect/version.js';
import {
  checkLocally,
  maskOptionsWith,
  planChange,
  unreachableOutcome,
  validationOutcome,
} from '../../../src/domain/editor/edit-checks.js';
import { secretsRoundtrip } from '../../../src/domain/editor/secrets-roundtrip.js';
import { renderConfig } from '../../../src/domain/editor/template.js';
import { mapValidation } from '../../../src/domain/editor/validate-result.js';
import { MASK } from '../../../src/domain/masking.js';

const live = {
  name: 'orders',
  'connector.class': 'FileStreamSink',
  'connection.password': 'hunter2',
  topics: 'orders',
};
const update = { kind: 'update', name: 'orders' } as const;

describe('checkLocally', () => {
  const secrets = secretsRoundtrip(live);
  const shownText = renderConfig(secrets.shown);

  it('gives the real config, the plugin class and the key lines of a good text', () => {
    const check = checkLocally(shownText.replace('"orders"\n', '"orders,returns"\n'), secrets, update);
    expect(check).toMatchObject({
      ok: true,
      pluginClass: 'FileStreamSink',
      config: { ...live, topics: 'orders,returns' },
    });
    expect(check.ok && check.keyLines.get('topics')).toBe(5);
  });

  it('stops at a syntax error', () => {
    expect(checkLocally('{"a": }', secrets, update)).toMatchObject({ ok: false, problem: { kind: 'text' } });
  });

  it('stops at values that have no string form', () => {
    const check = checkLocally('{"connector.class": "X", "topics": ["a"]}', secrets, update);
    expect(check).toMatchObject({
      ok: false,
      problem: { kind: 'keys', errors: [{ key: 'topics', line: 1 }] },
    });
  });

  it('stops at a mask that cannot be restored', () => {
    const text = shownText.replace('"topics"', `"other.secret": "${MASK}",\n  "topics"`);
    const check = checkLocally(text, secrets, update);
    expect(check).toMatchObject({ ok: false, problem: { kind: 'keys', errors: [{ key: 'other.secret' }] } });
  });

  it('places a missing connector.class at the top, and a rename beside the name', () => {
    expect(checkLocally('{"topics": "t"}', secrets, update)).toMatchObject({
      ok: false,
      problem: { kind: 'keys', errors: [], unplaced: [{ key: 'connector.class' }] },
    });
    expect(checkLocally('{\n"connector.class": "X",\n"name": "b"}', secrets, update)).toMatchObject({
      ok: false,
      problem: { kind: 'keys', errors: [{ key: 'name', line: 3 }], unplaced: [] },
    });
  });

  it('keeps the conversion notes', () => {
    const check = checkLocally('{"connector.class": "X", "tasks.max": 2}', secrets, update);
    expect(check.ok && check.notes).toEqual([{ key: 'tasks.max', line: 1, message: 'converted 2 to "2"' }]);
  });
});

describe('planChange and outcomes', () => {
  const caps = capabilitiesFor('3.9.0');
  const next = { ...live, topics: 'orders,returns' };

  it('diffs against the live config and plans a PATCH for an update', () => {
    const change = planChange(next, { target: update, live, caps, mask: {} });
    expect(change.diff.changed.map((c) => c.key)).toEqual(['topics']);
    expect(change.plan).toMatchObject({ method: 'PATCH', body: { topics: 'orders,returns' } });
  });

  it('shows every key as added and plans a POST for a new connector', () => {
    const change = planChange(next, {
      target: { kind: 'create' },
      live: {},
      caps,
      mask: {},
      initialState: 'PAUSED',
    });
    expect(change.diff.added).toHaveLength(4);
    expect(change.plan).toMatchObject({ method: 'POST', body: { name: 'orders', initial_state: 'PAUSED' } });
  });

  it('is valid without errors, invalid with them, keeping what apply-anyway would send', () => {
    const change = planChange(next, { target: update, live, caps, mask: {} });
    const infos = (errorCount: number): ConfigInfos => ({
      name: 'x',
      error_count: errorCount,
      groups: [],
      configs: [],
    });
    expect(validationOutcome(mapValidation(infos(0), []), change)).toEqual({ ok: true, change });
    expect(validationOutcome(mapValidation(infos(2), []), change)).toMatchObject({
      ok: false,
      problem: { kind: 'connect' },
      change,
    });
    expect(unreachableOutcome('connection refused', change)).toEqual({
      ok: false,
      problem: { kind: 'unreachable', message: 'connection refused' },
      change,
    });
  });

  it('masks the diff with the PASSWORD keys validate reported', () => {
    const infos: ConfigInfos = {
      name: 'x',
      error_count: 0,
      groups: [],
      configs: [
        {
          definition: {
            name: 'db.phrase',
            type: 'PASSWORD',
            required: false,
            default_value: null,
            importance: 'HIGH',
            documentation: null,
            group: null,
            width: 'NONE',
            display_name: 'db.phrase',
            dependents: [],
            order: 1,
          },
          value: null,
        },
      ],
    };
    const mask = maskOptionsWith({ passwordKeys: new Set(['a']) }, mapValidation(infos, []));
    expect([...(mask.passwordKeys ?? [])].sort()).toEqual(['a', 'db.phrase']);
    const change = planChange({ ...live, 'db.phrase': 'open' }, { target: update, live, caps, mask });
    expect(change.diff.added[0]).toMatchObject({ key: 'db.phrase', after: MASK });
  });
});
