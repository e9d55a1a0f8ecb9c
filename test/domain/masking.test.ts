// biome-ignore-all lint/suspicious/noTemplateCurlyInString: config-provider references `${provider:path:key}` are literal test data here.
import { describe, expect, it } from 'vitest';
import {
  isReferenceOnly,
  isSecretKey,
  keyWords,
  MASK,
  maskConfig,
  maskUriCredentials,
  maskValue,
  passwordKeysOf,
  unmaskConfig,
} from '../../src/domain/masking.js';

describe('isSecretKey', () => {
  it.each([
    'password',
    'connection.password',
    'database.password',
    'ssl.key.password',
    'ssl.keystore.password',
    'schema.registry.ssl.truststore.password',
    'sslKeystorePassword',
    'AWS_SECRET_ACCESS_KEY',
    'aws.secret.access.key',
    'client.secret',
    'oauth2.client.secret',
    'password.encoder.secret',
    'bearer.auth.token',
    'splunk.hec.token',
    'salesforce.password.token',
    'api.key',
    'datadog.api.key',
    'apiKey',
    'azblob.account.key',
    'ssl.keystore.key',
    'private.key',
    'snowflake.private.key',
    'snowflake.private.key.passphrase',
    'private.key.content',
    'encryption.key',
    's3.sse.customer.key',
    'gcs.credentials.json',
    'credentials',
    'keyfile',
    'sasl.jaas.config',
    'producer.override.sasl.jaas.config',
    'basic.auth.user.info',
    'key.converter.basic.auth.user.info',
    'value.converter.schema.registry.basic.auth.user.info',
  ])('%s is secret', (key) => {
    expect(isSecretKey(key)).toBe(true);
  });

  it.each([
    'key.converter',
    'key.converter.schemas.enable',
    'key.ignore',
    'key.field',
    'keySource',
    'key',
    'primary.key',
    'message.key.columns',
    'partition.key',
    'record.key',
    'aws.access.key.id',
    'aws.credentials.provider.class',
    'basic.auth.credentials.source',
    'bearer.auth.credentials.source',
    'gcs.credentials.path',
    'sasl.oauthbearer.token.endpoint.url',
    'max.token.count',
    'secret.manager.region',
    'ssl.keystore.location',
    'ssl.keystore.type',
    'sasl.kerberos.keytab',
    'connection.user',
    'connection.url',
    'connection.uri',
    'topics',
    'tasks.max',
    'connector.class',
    'transforms.unwrap.type',
    '',
  ])('%s is not secret', (key) => {
    expect(isSecretKey(key)).toBe(false);
  });

  it('splits keys into words across separators and camelCase', () => {
    expect(keyWords('ssl.keystore_password')).toEqual(['ssl', 'keystore', 'password']);
    expect(keyWords('sslKeystorePassword')).toEqual(['ssl', 'keystore', 'password']);
    expect(keyWords('APIKey')).toEqual(['api', 'key']);
  });
});

describe('maskValue', () => {
  it('masks secret values whole', () => {
    expect(maskValue('database.password', 'hunter2')).toBe(MASK);
  });

  it('keeps empty values empty (nothing to hide, and "unset" is worth seeing)', () => {
    expect(maskValue('database.password', '')).toBe('');
  });

  it('never masks config-provider references', () => {
    expect(maskValue('database.password', '${file:/opt/secrets.properties:db.password}')).toBe(
      '${file:/opt/secrets.properties:db.password}',
    );
    expect(maskValue('api.key', ' ${vault:secret/data/kc:key} ')).toBe(' ${vault:secret/data/kc:key} ');
    expect(maskValue('bearer.auth.token', 'Bearer ${env:TOKEN}')).toBe(`${MASK}\${env:TOKEN}`);
    expect(isReferenceOnly('${a:b}${c:d:e}')).toBe(true);
    expect(isReferenceOnly('x${a:b}')).toBe(false);
    expect(isReferenceOnly('${notaref}')).toBe(false);
  });

  it('masks by definition type PASSWORD whatever the name', () => {
    const passwordKeys = passwordKeysOf([
      { name: 'hec.auth', type: 'PASSWORD' },
      { name: 'topics', type: 'LIST' },
    ]);
    expect([...passwordKeys]).toEqual(['hec.auth']);
    expect(maskValue('hec.auth', 'abc', { passwordKeys })).toBe(MASK);
    expect(maskValue('hec.auth', 'abc')).toBe('abc');
  });

  it('masks only the secret options of a JAAS line', () => {
    const jaas =
      'org.apache.kafka.common.security.plain.PlainLoginModule required username="alice" password="s3cr=t;";';
    expect(maskValue('sasl.jaas.config', jaas)).toBe(
      `org.apache.kafka.common.security.plain.PlainLoginModule required username="alice" password="${MASK}";`,
    );
    const withRef = 'x.PlainLoginModule required username="${file:/s:u}" password="${file:/s:p}";';
    expect(maskValue('sasl.jaas.config', withRef)).toBe(withRef);
    const oauth = 'x.OAuthBearerLoginModule required clientId=abc clientSecret=xyz;';
    expect(maskValue('sasl.jaas.config', oauth)).toBe(
      `x.OAuthBearerLoginModule required clientId=abc clientSecret=${MASK};`,
    );
    // Not a JAAS line we can read: masked whole.
    expect(maskValue('sasl.jaas.config', 'garbage')).toBe(MASK);
  });

  it('masks URI credentials in values of keys that are not secret', () => {
    expect(maskValue('connection.uri', 'mongodb://kc:pa55@db1:27017,db2/orders')).toBe(
      `mongodb://kc:${MASK}@db1:27017,db2/orders`,
    );
    expect(maskValue('topics', 'a,b')).toBe('a,b');
  });
});

describe('maskUriCredentials', () => {
  it.each([
    ['postgres://user:pw@host:5432/db', `postgres://user:${MASK}@host:5432/db`],
    [
      'mongodb+srv://user:p@ss@cluster0.example.net/?w=1',
      `mongodb+srv://user:${MASK}@cluster0.example.net/?w=1`,
    ],
    ['http://host:8080/path@x', 'http://host:8080/path@x'],
    ['http://user@host/', 'http://user@host/'],
    ['http://user:@host/', 'http://user:@host/'],
    [
      'jdbc:postgresql://db/x?user=kc&password=pw&ssl=true',
      `jdbc:postgresql://db/x?user=kc&password=${MASK}&ssl=true`,
    ],
    [
      'jdbc:sqlserver://db:1433;databaseName=x;user=kc;password=pw',
      `jdbc:sqlserver://db:1433;databaseName=x;user=kc;password=${MASK}`,
    ],
    ['https://api.example.com/v1?api_key=abc&q=1', `https://api.example.com/v1?api_key=${MASK}&q=1`],
    ['https://u:${file:/s:p}@host/', 'https://u:${file:/s:p}@host/'],
    ['plain text', 'plain text'],
  ])('%s', (input, output) => {
    expect(maskUriCredentials(input)).toBe(output);
  });
});

describe('maskConfig', () => {
  it('masks a copy, keeping key order and leaving the original alone', () => {
    const config = {
      'connector.class': 'io.confluent.connect.jdbc.JdbcSinkConnector',
      'connection.url': 'jdbc:postgresql://db/x?password=pw',
      'connection.password': 'pw',
      'key.converter': 'org.apache.kafka.connect.json.JsonConverter',
      'aws.secret.access.key': '${vault:kv/aws:secret}',
    };
    const masked = maskConfig(config);
    expect(masked).toEqual({
      'connector.class': 'io.confluent.connect.jdbc.JdbcSinkConnector',
      'connection.url': `jdbc:postgresql://db/x?password=${MASK}`,
      'connection.password': MASK,
      'key.converter': 'org.apache.kafka.connect.json.JsonConverter',
      'aws.secret.access.key': '${vault:kv/aws:secret}',
    });
    expect(Object.keys(masked)).toEqual(Object.keys(config));
    expect(config['connection.password']).toBe('pw');
  });
});

describe('unmaskConfig', () => {
  const original = {
    'connection.password': 'pw',
    'connection.uri': 'mongodb://kc:pa55@db/x',
    'sasl.jaas.config': 'm.PlainLoginModule required username="alice" password="s3cret";',
    topics: 'a',
    'api.key': '',
  };
  const masked = maskConfig(original);

  it('round-trips an untouched masked config to the real values', () => {
    expect(unmaskConfig(masked, original)).toEqual({ config: original, unresolved: [] });
  });

  it('takes retyped secrets as typed', () => {
    const edited = { ...masked, 'connection.password': 'new-pw', topics: 'a,b' };
    expect(unmaskConfig(edited, original).config).toEqual({
      ...original,
      'connection.password': 'new-pw',
      topics: 'a,b',
    });
  });

  it('restores masks the user edited around', () => {
    const edited = {
      ...masked,
      'connection.uri': masked['connection.uri']!.replace('@db/', '@db2/'),
      'sasl.jaas.config': masked['sasl.jaas.config']!.replace('alice', 'bob'),
    };
    const { config, unresolved } = unmaskConfig(edited, original);
    expect(unresolved).toEqual([]);
    expect(config['connection.uri']).toBe('mongodb://kc:pa55@db2/x');
    expect(config['sasl.jaas.config']).toBe('m.PlainLoginModule required username="bob" password="s3cret";');
  });

  it('never sends a mask it cannot trace back', () => {
    const edited = { ...masked, 'other.password': MASK, 'connection.password': `${MASK}${MASK}` };
    const { config, unresolved } = unmaskConfig(edited, original);
    expect(unresolved.sort()).toEqual(['connection.password', 'other.password']);
    expect(config['other.password']).toBe(MASK);
  });

  it('drops keys the user removed', () => {
    const { 'connection.password': _removed, ...rest } = masked;
    expect(Object.keys(unmaskConfig(rest, original).config)).not.toContain('connection.password');
  });
});
