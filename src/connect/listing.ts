// The connector listing kcx refreshes from, and how a `?expand` response body becomes one (from its
// bytes, as the incremental snapshot source falls back to for a body it cannot walk).
import { parseJsonBody } from './body.js';
import type { ConnectorInfo, ConnectorStateInfo, ExpandedConnectors } from './types.js';

/** One connector of `listConnectorsWithStatus()`. */
export interface ConnectorOverview {
  name: string;
  status: ConnectorStateInfo;
  /** `null` when the connector vanished between the status and the info being read. */
  info: ConnectorInfo | null;
}

export interface ConnectorListing {
  connectors: ConnectorOverview[];
  /** 'expand': one request (Connect ≥ 2.3); 'fallback': list + per-connector status and info. */
  mode: 'expand' | 'fallback';
  /** Listed but without status (just created or just deleted): left out, as `?expand=status` does. */
  skipped: string[];
}

/** `GET /connectors?expand=status&expand=info` as a listing; connectors without a status are skipped. */
export function listingFromExpanded(body: ExpandedConnectors): ConnectorListing {
  const connectors: ConnectorOverview[] = [];
  const skipped: string[] = [];
  for (const [name, entry] of Object.entries(body)) {
    if (entry.status) connectors.push({ name, status: entry.status, info: entry.info ?? null });
    else skipped.push(name);
  }
  return { connectors, mode: 'expand', skipped };
}

export type ListingBody =
  | { kind: 'listing'; listing: ConnectorListing }
  /** A worker older than its reported version answers `?expand` with plain names. */
  | { kind: 'names'; names: string[] }
  | { kind: 'bad'; detail: string; snippet?: string };

/** A 2xx body of `GET /connectors?expand=status&expand=info`, read as the client reads it. */
export function listingFromBody(bytes: Uint8Array, contentType: string | undefined): ListingBody {
  const text = new TextDecoder().decode(bytes);
  const parsed = parseJsonBody(text, contentType);
  if (!parsed.ok) return { kind: 'bad', detail: parsed.detail, snippet: parsed.snippet };
  const value = parsed.value;
  if (value === undefined) return { kind: 'bad', detail: 'empty body where JSON was expected' };
  if (Array.isArray(value)) return { kind: 'names', names: value.filter((n) => typeof n === 'string') };
  if (value === null || typeof value !== 'object')
    return {
      kind: 'bad',
      detail: `expected a JSON object of connectors, got ${JSON.stringify(value).slice(0, 40)}`,
    };
  return { kind: 'listing', listing: listingFromExpanded(value as ExpandedConnectors) };
}
