// A plugin's config definitions, however old the cluster: `GET /connector-plugins/{class}/config`
// on Connect ≥ 3.2, else a validate of just the class (its answer carries every definition). The
// editor needs them before it opens (PASSWORD keys decide what is masked) and for templates.
import type { ConnectClient } from '../../connect/client.js';
import type { ConfigKeyInfo } from '../../connect/types.js';
import { definitionsFromValidation } from './template.js';

export async function pluginDefinitions(
  client: ConnectClient,
  pluginClass: string,
): Promise<ConfigKeyInfo[]> {
  const caps = client.knownCapabilities ?? (await client.capabilities());
  if (caps.supports('plugin-config')) return client.pluginConfig(pluginClass);
  return definitionsFromValidation(
    await client.validateConfig(pluginClass, { 'connector.class': pluginClass }),
  );
}

/** Keys whose definition type is PASSWORD. */
export function passwordKeysOf(definitions: readonly ConfigKeyInfo[]): Set<string> {
  return new Set(definitions.filter((d) => d.type === 'PASSWORD').map((d) => d.name));
}
