// Secrets in connector configs are shown masked everywhere (config view, summaries, the editor, the
// clipboard), and a masked value the user did not touch goes back to the worker as its real value.
//
// Which keys are secret is decided on the key's words (split on `.`, `_`, `-` and camelCase), looking
// at the LAST word, because Connect keys name the thing last: `database.password`,
// `aws.secret.access.key`, `bearer.auth.token` are secrets while `key.converter`,
// `sasl.oauthbearer.token.endpoint.url`, `secret.manager.region` and `gcs.credentials.path` are not.
// Trailing value-ish words are skipped first (`gcs.credentials.json`, `private.key.content`).
//   - last word password / passwd / pwd / passphrase / secret / token / credential(s) / apikey /
//     secretkey / privatekey / accesskey / keyfile / authorization → secret
//   - `jaas` anywhere (`sasl.jaas.config`) → secret, with only its secret options masked
//   - `user.info` / `userinfo` last (`basic.auth.user.info` = "user:password") → secret
//   - `key` last, after another word, → secret (`api.key`, `azblob.account.key`, `ssl.keystore.key`,
//     `private.key`), unless that word makes it a record key (`primary.key`, `message.key`,
//     `partition.key`, …). A lone `key` is not secret; `*.key.id` (`aws.access.key.id`) is an
//     identifier, not a secret, and stays visible.
// Values of other keys still have URI credentials masked (`mongodb://u:••••••@h`, `;password=••••••`).
// `${provider:path:key}` references are never masked: they are not secrets, and seeing which provider
// supplies a value is the point.
import type { ConnectorConfig } from '../connect/types.js';

export const MASK = '••••••';

const SECRET_LAST_WORDS = new Set([
  'password',
  'passwd',
  'pwd',
  'passphrase',
  'secret',
  'token',
  'credential',
  'credentials',
  'apikey',
  'secretkey',
  'privatekey',
  'accesskey',
  'keyfile',
  'authorization',
]);

/** Words after which a trailing `key` means a key of the data, not a credential. */
const DATA_KEY_WORDS = new Set([
  'primary',
  'partition',
  'partitioning',
  'message',
  'record',
  'routing',
  'row',
  'sort',
  'shard',
  'sharding',
  'document',
  'doc',
  'hash',
  'group',
  'composite',
  'foreign',
  'natural',
  'unique',
  'lookup',
  'topic',
  'kafka',
  'field',
  'column',
  'cache',
  'dedup',
  'deduplication',
  'idempotency',
  'object',
  'entity',
  'event',
  'table',
  'index',
  'search',
  'cursor',
  'sequence',
  'offset',
  'join',
  'map',
  'struct',
  'output',
  'input',
  'source',
  'target',
  'schema',
  'header',
  'pk',
]);

/** Trailing words that say how a secret is encoded rather than what it is. */
const VALUE_SUFFIXES = new Set([
  'json',
  'data',
  'value',
  'content',
  'contents',
  'string',
  'base64',
  'b64',
  'pem',
  'encoded',
  'raw',
  'text',
]);

/** `sslKeystorePassword`, `ssl.keystore.password`, `SSL_KEYSTORE_PASSWORD` → ssl keystore password. */
export function keyWords(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
}

export function isSecretKey(key: string): boolean {
  const words = keyWords(key);
  if (words.includes('jaas')) return true;
  while (words.length > 1 && VALUE_SUFFIXES.has(words[words.length - 1]!)) words.pop();
  const last = words[words.length - 1];
  const prev = words[words.length - 2];
  if (last === undefined) return false;
  if (SECRET_LAST_WORDS.has(last)) return true;
  if (last === 'userinfo' || (last === 'info' && prev === 'user')) return true;
  if (last === 'key') return prev !== undefined && !DATA_KEY_WORDS.has(prev);
  return false;
}

function isJaasKey(key: string): boolean {
  return keyWords(key).includes('jaas');
}

// `${provider:key}` or `${provider:path:key}` (Kafka ConfigProvider syntax). The global twin is only
// used with replace()/matchAll(), which never leave it with a lastIndex to trip over.
const REFERENCE = /\$\{[A-Za-z0-9_.-]+:[^}]*\}/;
const REFERENCES = new RegExp(REFERENCE.source, 'g');

/** The value is nothing but config-provider references (and whitespace). */
export function isReferenceOnly(value: string): boolean {
  return REFERENCE.test(value) && value.replace(REFERENCES, '').trim() === '';
}

/** A masked value and the secrets its masks stand for, in order: what unmasking needs. */
interface Masked {
  masked: string;
  secrets: string[];
}

export interface MaskOptions {
  /** Keys whose config definition has type PASSWORD: masked whatever their name. */
  passwordKeys?: ReadonlySet<string>;
}

export function isSecretEntry(key: string, options: MaskOptions = {}): boolean {
  return options.passwordKeys?.has(key) === true || isSecretKey(key);
}

function maskParts(key: string, value: string, options: MaskOptions): Masked {
  if (value === '') return { masked: value, secrets: [] };
  if (!isSecretEntry(key, options)) return uriCredentialParts(value);
  if (isReferenceOnly(value)) return { masked: value, secrets: [] };
  if (isJaasKey(key)) {
    const jaas = jaasParts(value);
    if (jaas) return jaas;
  }
  if (!REFERENCE.test(value)) return { masked: MASK, secrets: [value] };
  // Mixed literal text and references: hide the literal runs, keep the references readable.
  const secrets: string[] = [];
  let masked = '';
  let last = 0;
  for (const m of value.matchAll(REFERENCES)) {
    masked += maskRun(value.slice(last, m.index), secrets) + m[0];
    last = m.index + m[0].length;
  }
  masked += maskRun(value.slice(last), secrets);
  return { masked, secrets };
}

function maskRun(run: string, secrets: string[]): string {
  if (run.trim() === '') return run;
  secrets.push(run);
  return MASK;
}

// `name="value"` or `name=value` options of a JAAS login module line.
const JAAS_OPTION = /([A-Za-z_][\w.-]*)(\s*=\s*)("(?:[^"\\]|\\.)*"|[^\s;"]+)/g;

/**
 * Only the options whose names look secret (`password`, `clientSecret`, …) are masked, so the login
 * module and the username stay readable. undefined when the text has no options at all: not a JAAS
 * line we understand, so the caller masks it whole.
 */
function jaasParts(value: string): Masked | undefined {
  const secrets: string[] = [];
  let found = false;
  const masked = value.replace(JAAS_OPTION, (whole, name: string, eq: string, raw: string) => {
    found = true;
    if (!isSecretKey(name)) return whole;
    const quoted = raw.startsWith('"');
    const inner = quoted ? raw.slice(1, -1) : raw;
    if (inner === '' || isReferenceOnly(inner)) return whole;
    secrets.push(inner);
    return `${name}${eq}${quoted ? `"${MASK}"` : MASK}`;
  });
  return found ? { masked, secrets } : undefined;
}

// scheme://user:password@host — the password may itself contain `@`; the last `@` before the path wins.
const URI_USERINFO = /(\/\/[^/\s:@?#]*:)([^\s/?#]*)(@)/;
// ?password=…, &token=…, ;password=… (JDBC URLs of several vendors).
const URI_PARAM = /([?&;]\s*)([A-Za-z_][\w.-]*)(\s*=\s*)([^&;#\s]*)/;
// One pass over both patterns, so secrets are recorded in the order their masks appear.
const URI_SECRETS = new RegExp(`${URI_USERINFO.source}|${URI_PARAM.source}`, 'g');

function uriCredentialParts(value: string): Masked {
  const secrets: string[] = [];
  if (!value.includes('://') && !value.includes('=')) return { masked: value, secrets };
  const masked = value.replace(URI_SECRETS, (whole, ...groups: (string | undefined)[]) => {
    const [uPrefix, uPassword, uAt, pLead, pName, pEq, pValue] = groups;
    if (uPrefix !== undefined) {
      if (!uPassword || isReferenceOnly(uPassword)) return whole;
      secrets.push(uPassword);
      return `${uPrefix}${MASK}${uAt}`;
    }
    if (pName === undefined || !pValue || !isSecretKey(pName) || isReferenceOnly(pValue)) return whole;
    secrets.push(pValue);
    return `${pLead}${pName}${pEq}${MASK}`;
  });
  return { masked, secrets };
}

/** Masks the password of `scheme://user:password@host` and secret-looking URL parameters. */
export function maskUriCredentials(value: string): string {
  return uriCredentialParts(value).masked;
}

/** The value as it should be shown for this key. */
export function maskValue(key: string, value: string, options: MaskOptions = {}): string {
  return maskParts(key, value, options).masked;
}

/** A masked copy of the config, in the same key order. */
export function maskConfig(config: ConnectorConfig, options: MaskOptions = {}): ConnectorConfig {
  const out: ConnectorConfig = {};
  for (const [key, value] of Object.entries(config)) {
    out[key] = typeof value === 'string' ? maskParts(key, value, options).masked : value;
  }
  return out;
}

/** The keys a plugin's config definition declares as PASSWORD. */
export function passwordKeysOf(definitions: Iterable<{ name: string; type: string }>): Set<string> {
  const keys = new Set<string>();
  for (const d of definitions) if (d.type === 'PASSWORD') keys.add(d.name);
  return keys;
}

export interface Unmasked {
  config: ConnectorConfig;
  /**
   * Keys whose edited value still contains a mask that cannot be traced back to a real value (the user
   * edited around a mask, copied it to a new key, or added or removed masks). Their values are left as
   * edited; the caller must not send them as they are.
   */
  unresolved: string[];
}

/**
 * Puts real values back where the user left masks untouched, given the config the masked text was
 * made from. A value the user retyped is taken as typed.
 */
export function unmaskConfig(
  edited: ConnectorConfig,
  original: ConnectorConfig,
  options: MaskOptions = {},
): Unmasked {
  const config: ConnectorConfig = {};
  const unresolved: string[] = [];
  for (const [key, value] of Object.entries(edited)) {
    const before = Object.hasOwn(original, key) ? original[key] : undefined;
    const parts =
      typeof before === 'string' ? maskParts(key, before, options) : { masked: undefined, secrets: [] };
    if (before !== undefined && value === parts.masked) {
      config[key] = before;
      continue;
    }
    const masks = typeof value === 'string' ? countMasks(value) : 0;
    if (masks === 0) {
      config[key] = value;
    } else if (masks === parts.secrets.length) {
      // Same number of masks as secrets: the user edited around them; restore each in order.
      const pieces = value.split(MASK);
      let restored = pieces[0] ?? '';
      for (let i = 1; i < pieces.length; i++) restored += parts.secrets[i - 1]! + pieces[i];
      config[key] = restored;
    } else {
      config[key] = value;
      unresolved.push(key);
    }
  }
  return { config, unresolved };
}

function countMasks(value: string): number {
  return value.split(MASK).length - 1;
}
