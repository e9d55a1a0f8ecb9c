// Sends what the editor's plan says: PUT, PATCH or POST.
import type { ConnectClient } from '../../connect/client.js';
import { isNotFound } from '../../connect/errors.js';
import type { ApplyPlan } from '../../domain/editor/config-diff.js';

/** The connector was deleted on the cluster while it was being edited. */
export class DeletedWhileEditingError extends Error {
  override readonly name = 'DeletedWhileEditingError';
}

/** The connector name the request was about. */
export async function sendPlan(client: ConnectClient, plan: ApplyPlan, name: string): Promise<string> {
  // PUT would quietly re-create a connector someone deleted meanwhile (Connect creates on PUT).
  if (plan.method === 'PUT' || plan.method === 'PATCH') {
    try {
      await client.connector(name);
    } catch (e) {
      if (!isNotFound(e)) throw e;
      throw new DeletedWhileEditingError(
        `"${name}" was deleted on the cluster while you edited it; nothing was sent. Your text is kept: copy it, or re-create the connector with C / n.`,
      );
    }
  }
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
