// The React-free Kafka Connect REST client: what the CLI, the domain layer and the TUI import.

export type {
  ConnectClientOptions,
  ConnectorListing,
  ConnectorOverview,
  ExpandKey,
  MutationEvent,
  MutationObserver,
  RestartResult,
} from './client.js';
export { ConnectClient } from './client.js';
export { mapWithConcurrency } from './concurrency.js';
export type { ConnectErrorInit, ConnectErrorKind } from './errors.js';
export {
  ConnectError,
  describeError,
  isAuthError,
  isConflict,
  isConnectError,
  isNotFound,
  isUnknownEndpoint,
} from './errors.js';
export type {
  Auth,
  Expect,
  HttpMethod,
  HttpResponse,
  RequestEvent,
  RequestOptions,
  Timeouts,
  TlsOptions,
  TransportOptions,
  TransportStats,
} from './http.js';
export { DEFAULT_TIMEOUTS, Transport } from './http.js';
export type { Query, QueryValue } from './paths.js';
export type { ProxyChoice, ProxySetting } from './proxy.js';
export { path, queryString, segment } from './paths.js';
export type { Retry409Options } from './retry.js';
export { DEFAULT_RETRY_409 } from './retry.js';
export type * from './types.js';
export type {
  Capabilities,
  CapabilityRow,
  Distribution,
  Feature,
  FeatureSpec,
  ParsedVersion,
} from './version.js';
export { capabilitiesFor, FEATURES, formatVersion, parseVersion } from './version.js';
