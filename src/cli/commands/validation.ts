// Validating connector configs against their plugins (`PUT /connector-plugins/{class}/config/validate`,
// which answers 200 even when the config is invalid: the errors are per key, counted in error_count).
import type { ConnectClient } from '../../connect/client.js';
import { mapWithConcurrency } from '../../connect/concurrency.js';
import { isConnectError } from '../../connect/errors.js';
import type { ConnectorConfig } from '../../connect/types.js';
import { passwordKeysOf } from '../../domain/masking.js';
import { redact, secretValues } from '../../domain/redact.js';

export interface KeyErrors {
  key: string;
  messages: string[];
}

export interface Validation {
  name: string;
  valid: boolean;
  errors: KeyErrors[];
  /** The worker refused to validate at all (an unknown class is a 500 on Connect ≤ 3.9). */
  failure?: string;
  /** Keys the plugin declares as PASSWORD: masked in diffs whatever their name. */
  passwordKeys: Set<string>;
}

/** Requests in flight: validation loads plugin classes on the worker, so go easy on it. */
const CONCURRENCY = 4;

export async function validateAll(
  client: ConnectClient,
  items: readonly { name: string; config: ConnectorConfig }[],
): Promise<Validation[]> {
  return mapWithConcurrency(items, CONCURRENCY, (item) => validateOne(client, item.name, item.config));
}

async function validateOne(
  client: ConnectClient,
  name: string,
  config: ConnectorConfig,
): Promise<Validation> {
  let secrets = secretValues(config);
  const clean = (s: string) => redact(s, secrets);
  try {
    const infos = await client.validateConfig(config['connector.class'] ?? '', config);
    const passwordKeys = passwordKeysOf(infos.configs.flatMap((c) => (c.definition ? [c.definition] : [])));
    secrets = secretValues(config, { passwordKeys });
    const errors: KeyErrors[] = [];
    for (const c of infos.configs) {
      const messages = c.value?.errors ?? [];
      if (messages.length > 0) {
        errors.push({ key: c.value?.name ?? c.definition?.name ?? '?', messages: messages.map(clean) });
      }
    }
    const valid = infos.error_count === 0;
    if (!valid && errors.length === 0) {
      errors.push({ key: '(config)', messages: [`${infos.error_count} error(s) reported without a key`] });
    }
    return { name, valid, errors, passwordKeys };
  } catch (e) {
    // A 4xx/5xx about this config is its verdict; a cluster that cannot be reached fails the command.
    if (isConnectError(e) && e.kind === 'http') {
      return {
        name,
        valid: false,
        errors: [],
        failure: clean(e.connectMessage ?? e.message),
        passwordKeys: new Set(),
      };
    }
    throw e;
  }
}

/** `key: message` lines under a connector, indented. */
export function validationLines(v: Validation, indent = '    '): string[] {
  if (v.failure) return [`${indent}${v.failure}`];
  return v.errors.flatMap((e) => e.messages.map((m) => `${indent}${e.key}: ${m}`));
}

export function errorCount(v: Validation): number {
  if (v.failure) return 1;
  return v.errors.reduce((n, e) => n + e.messages.length, 0);
}
