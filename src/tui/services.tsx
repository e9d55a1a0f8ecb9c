// What the views need from outside React: the client, the poller, the context they act in and
// the clipboard. Provided once at the root; views never construct them.
import { createContext, type ReactNode, useContext, useSyncExternalStore } from 'react';
import type { ConnectClient } from '../connect/client.js';
import type { AuditTrail } from '../domain/audit.js';
import type { BackupStore } from '../domain/backups.js';
import type { Poller, PollerState } from '../domain/poller.js';

export interface ContextInfo {
  name: string;
  url: string;
  production: boolean;
  readonly: boolean;
  /** A colour name for the context in the header. */
  colour?: string;
}

export interface Services {
  client: ConnectClient;
  poller: Poller;
  context: ContextInfo;
  /** Copies text; resolves to how it was copied ("clipboard", "OSC 52"). */
  copy(text: string): Promise<string>;
  /** Clock for ages and highlights (injectable in tests). */
  now(): number;
  /** Delete backups (undo reads them back). Deletes are refused when it cannot be written. */
  backups: BackupStore;
  /** The audit trail of this console's mutating calls, when one is kept. */
  audit?: AuditTrail;
  /** `:ctx NAME`: resolves to an error message, or undefined once the console shows that context. */
  switchContext?: (name: string) => Promise<string | undefined>;
  /** Context names for `:ctx` completion. */
  contextNames?: () => string[];
}

const ServicesContext = createContext<Services | null>(null);

export function ServicesProvider({
  services,
  children,
}: {
  services: Services;
  children: ReactNode;
}): ReactNode {
  return <ServicesContext.Provider value={services}>{children}</ServicesContext.Provider>;
}

export function useServices(): Services {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices outside ServicesProvider');
  return services;
}

export function usePollerState(): PollerState {
  const { poller } = useServices();
  return useSyncExternalStore(
    (listener) => poller.subscribe(listener),
    () => poller.state,
  );
}
