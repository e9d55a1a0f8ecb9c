// Sends what the editor's plan says: PUT, PATCH or POST.
import type { ConnectClient } from '../../connect/client.js';
import type { ApplyPlan } from '../../domain/editor/config-diff.js';

/** The connector name the request was about. */
export async function sendPlan(client: ConnectClient, plan: ApplyPlan, name: string): Promise<string> {
  switch (plan.method) {
    case 'PUT':
      await client.putConnectorConfig(name, plan.body);
      return name;
    case 'PATCH':
      await client.patchConnectorConfig(name, plan.body);
      return name;
    case 'POST': {
      const { name: created, config, initial_state } = plan.body;
      await client.createConnector(created, config, initial_state ? { initialState: initial_state } : {});
      return created;
    }
    case 'none':
      return name;
  }
}
