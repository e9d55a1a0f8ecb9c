// biome-ignore-all lint/suspicious/noTemplateCurlyInString: config-provider references `${provider:path:key}` are literal test data here.
import { describe, expect, it } from 'vitest';
import { checkConfigText } from '../../../src/domain/editor/json-check.js';
import { secretsRoundtrip } from '../../../src/domain/editor/secrets-roundtrip.js';
import { renderConfig } from '../../../src/domain/editor/template.js';
import { MASK } from '../../../src/domain/masking.js';

const live = {
  name: 'orders',
  'connection.user': 'kc',
  'connection.password': 'hunter2',
  'db.login.phrase': 'open sesame',
  'connection.uri': 'mongodb://kc:pa55@db1/x',
  'sasl.jaas.config':
    'org.apache.kafka.common.security.plain.PlainLoginModule required username="kc" password="s3cret";',
  'ssl.key.password': '${file:/run/secrets.properties:ssl}',
  topics: 'orders',
};
const passwordKeys = new Set(['db.login.phrase']);

/** The text the editor shows, edited by `change`, checked and restored as Ctrl-S does. */
function roundtrip(change: (text: string) => string) {
  const secrets = secretsRoundtrip(live, { passwordKeys });
  const text = change(renderConfig(secrets.shown));
  const check = checkConfigText(text);
  if (check.kind !== 'config') throw new Error('not a config');
  return { secrets, text, result: secrets.restore(check.config, check.keyLines) };
}

describe('secretsRoundtrip', () => {
  it('shows secrets masked, by name and by PASSWORD type, and references as they are', () => {
    const { shown } = secretsRoundtrip(live, { passwordKeys });
    expect(shown['connection.password']).toBe(MASK);
    expect(shown['db.login.phrase']).toBe(MASK);
    expect(shown['connection.uri']).toBe(`mongodb://kc:${MASK}@db1/x`);
    expect(shown['sasl.jaas.config']).toContain(`password="${MASK}"`);
    expect(shown['sasl.jaas.config']).toContain('username="kc"');
    expect(shown['ssl.key.password']).toBe('${file:/run/secrets.properties:ssl}');
    expect(shown['connection.user']).toBe('kc');
    expect(JSON.stringify(shown)).not.toMatch(/hunter2|open sesame|pa55|s3cret/);
  });

  it('sends untouched masks back as the real values, never as the mask', () => {
    const { result } = roundtrip((text) => text.replace('"topics": "orders"', '"topics": "orders,returns"'));
    expect(result).toEqual({ ok: true, config: { ...live, topics: 'orders,returns' } });
  });

  it('sends a retyped secret as typed, including a PASSWORD-type key', () => {
    const { result } = roundtrip((text) =>
      text
        .replace(`"db.login.phrase": "${MASK}"`, '"db.login.phrase": "new phrase"')
        .replace(`"connection.password": "${MASK}"`, '"connection.password": "new-pw"'),
    );
    expect(result.ok && result.config).toEqual({
      ...live,
      'db.login.phrase': 'new phrase',
      'connection.password': 'new-pw',
    });
  });

  it('restores a mask the user edited around (the host of a URL)', () => {
    const { result } = roundtrip((text) => text.replace('@db1/x', '@db2/x'));
    expect(result.ok && result.config['connection.uri']).toBe('mongodb://kc:pa55@db2/x');
  });

  it('refuses a mask that stands for no secret of its key, on the key’s line', () => {
    const { text, result } = roundtrip((text) =>
      text.replace('"topics": "orders"', `"topics": "orders",\n  "other.password": "${MASK}"`),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const line = text.split('\n').findIndex((l) => l.includes('"other.password"')) + 1;
    expect(result.errors).toEqual([{ key: 'other.password', line, message: expect.stringContaining(MASK) }]);
    // Everything else is still restored; the caller must not send this config.
    expect(result.config['connection.password']).toBe('hunter2');
  });

  it('masks and restores with the same PASSWORD keys even if the caller’s set changes later', () => {
    const keys = new Set(['db.login.phrase']);
    const secrets = secretsRoundtrip(live, { passwordKeys: keys });
    keys.clear();
    const check = checkConfigText(renderConfig(secrets.shown));
    if (check.kind !== 'config') throw new Error('not a config');
    expect(secrets.restore(check.config, check.keyLines)).toEqual({ ok: true, config: live });
  });

  it('a clone gets the real secrets of the original', () => {
    const secrets = secretsRoundtrip(live);
    const restored = secrets.restore({ ...secrets.shown, name: 'orders-copy' }, new Map());
    expect(restored).toEqual({ ok: true, config: { ...live, name: 'orders-copy' } });
  });
});
