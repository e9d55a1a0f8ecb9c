// Which Kafka Connect a worker is, from the `version` of `GET /`, and what that version can do
// (connect-rest-api.md §7.1). Features are gated on this table instead of probing endpoints.

export type Distribution = 'apache' | 'confluent';

export interface ParsedVersion {
  /** As reported, e.g. "7.9.0-ccs". */
  raw: string;
  distribution: Distribution;
  /** The Apache Kafka release line the worker's Connect runtime corresponds to. */
  major: number;
  minor: number;
  /** Apache patch level; `undefined` for Confluent builds (CP patches do not map to AK patches). */
  patch?: number;
  /** Confluent Platform version when mapped from one, e.g. "6.1.1". */
  confluent?: string;
}

/**
 * Parses a worker version into the Apache Kafka release it corresponds to; `undefined` when it is not
 * a version at all.
 *
 * Confluent Platform is recognised by a `-ccs` / `-ce` suffix, or — without a suffix — by a major of
 * 5 to 8, which Apache Kafka has never used. The ambiguous case is major 4 without a suffix: AK 4.x and
 * CP 4.x (= AK 1.x) collide, and we choose AK 4.x, because CP builds always carry their suffix and AK
 * 4.x is what a suffix-less "4.0.0" really is today. Anything after the numbers (`-SNAPSHOT`, `-rc1`,
 * `.redhat-00007`) is otherwise ignored.
 */
export function parseVersion(raw: string): ParsedVersion | undefined {
  const text = raw.trim();
  const m = /^v?(\d+)\.(\d+)(?:\.(\d+))?(.*)$/.exec(text);
  if (!m) return undefined;
  const major = Number(m[1]);
  const minor = Number(m[2]);
  const patch = m[3] === undefined ? undefined : Number(m[3]);
  const suffix = m[4] ?? '';
  const confluentSuffix = /^[-.](ccs|ce)\b/i.test(suffix);
  const confluent = confluentSuffix || (major >= 5 && major <= 8);
  if (!confluent) return { raw: text, distribution: 'apache', major, minor, patch };
  const ak = confluentToApache(major, minor);
  if (!ak) return { raw: text, distribution: 'apache', major, minor, patch };
  return {
    raw: text,
    distribution: 'confluent',
    major: ak[0],
    minor: ak[1],
    confluent: `${major}.${minor}${patch === undefined ? '' : `.${patch}`}`,
  };
}

/** Confluent's interoperability table; later minors follow the same pattern. */
function confluentToApache(major: number, minor: number): [number, number] | undefined {
  switch (major) {
    case 3:
      // CP 3.0–3.2 = AK 0.10.0–0.10.2, CP 3.3 = AK 0.11.0. Only the major.minor matters for
      // gating, and everything kcx gates on is ≥ 2.3, so 0.10/0.11 collapse to "0.10"/"0.11".
      return minor <= 2 ? [0, 10] : [0, 11];
    case 4:
      return [1, minor];
    case 5:
      return [2, minor];
    case 6:
      return [2, 6 + minor];
    case 7:
      return [3, minor];
    case 8:
      return [4, minor];
    default:
      return undefined;
  }
}

export function formatVersion(v: { major: number; minor: number }): string {
  return `${v.major}.${v.minor}`;
}

function compare(a: { major: number; minor: number }, b: { major: number; minor: number }): number {
  return a.major - b.major || a.minor - b.minor;
}

function toMajorMinor(s: string): { major: number; minor: number } {
  const [major, minor] = s.split('.').map(Number);
  return { major: major ?? 0, minor: minor ?? 0 };
}

// ---------------------------------------------------------------------------------------------

export type Feature =
  | 'expand'
  | 'loggers'
  | 'topics'
  | 'topics-reset'
  | 'tasks-config'
  | 'restart-tasks'
  | 'plugins-all'
  | 'plugin-config'
  | 'stop'
  | 'offsets'
  | 'offsets-alter'
  | 'offsets-reset'
  | 'initial-state'
  | 'logger-scope'
  | 'logger-last-modified'
  | 'patch-config'
  | 'health'
  | 'status-version'
  | 'plugin-config-version';

export interface FeatureSpec {
  id: Feature;
  label: string;
  /** First Apache Kafka version with it, "major.minor". */
  since: string;
  /** First Apache Kafka version without it, when it was removed. */
  removedIn?: string;
}

/** In the order the cluster view lists them (by version). */
export const FEATURES: readonly FeatureSpec[] = [
  { id: 'expand', label: 'connector list in one request (?expand)', since: '2.3' },
  { id: 'loggers', label: 'loggers (/admin/loggers)', since: '2.4' },
  { id: 'topics', label: 'active topics', since: '2.5' },
  { id: 'topics-reset', label: 'reset active topics', since: '2.5' },
  { id: 'tasks-config', label: 'tasks-config', since: '2.8', removedIn: '4.0' },
  { id: 'restart-tasks', label: 'restart with tasks / only failed', since: '3.0' },
  { id: 'plugins-all', label: 'list all plugin types (connectorsOnly=false)', since: '3.2' },
  { id: 'plugin-config', label: 'plugin config definition', since: '3.2' },
  { id: 'stop', label: 'stop', since: '3.5' },
  { id: 'offsets', label: 'view offsets', since: '3.5' },
  { id: 'offsets-alter', label: 'alter offsets', since: '3.6' },
  { id: 'offsets-reset', label: 'reset offsets', since: '3.6' },
  { id: 'initial-state', label: 'create paused or stopped (initial_state)', since: '3.7' },
  { id: 'logger-scope', label: 'cluster-wide log level (scope=cluster)', since: '3.7' },
  { id: 'logger-last-modified', label: 'logger last-modified time', since: '3.7' },
  { id: 'patch-config', label: 'patch config (PATCH …/config)', since: '3.8' },
  { id: 'health', label: 'worker health (/health)', since: '3.9' },
  { id: 'status-version', label: 'connector and task versions in status', since: '4.1' },
  { id: 'plugin-config-version', label: 'plugin config by version', since: '4.1' },
];

const SPEC = new Map(FEATURES.map((f) => [f.id, f]));

export interface CapabilityRow extends FeatureSpec {
  /** `undefined` when the cluster's version is unknown. */
  supported: boolean | undefined;
  reason?: string;
}

export interface Capabilities {
  /** The version string as the worker reported it. */
  reported: string;
  version: ParsedVersion | undefined;
  /** Apache Kafka "major.minor" the cluster corresponds to; `undefined` if the version is unparseable. */
  kafkaVersion: string | undefined;
  /** Whether the cluster has the feature. An unknown version supports everything (see `known`). */
  supports(feature: Feature): boolean;
  /** Why a feature is unavailable, e.g. "stop needs Kafka Connect 3.5, this cluster is 2.7". */
  reason(feature: Feature): string | undefined;
  /** True when the version was understood and `supports` reflects the table. */
  known: boolean;
  table(): CapabilityRow[];
}

/**
 * When the version cannot be parsed we assume everything is supported: the worker still answers a
 * missing endpoint with 404/405, which surfaces as a clear error, whereas a wrong guess the other way
 * would hide features from users of a perfectly capable cluster.
 */
export function capabilitiesFor(versionString: string): Capabilities {
  const version = parseVersion(versionString);
  const kafkaVersion = version ? formatVersion(version) : undefined;
  const clusterLabel = version
    ? `${kafkaVersion}${version.confluent ? ` (Confluent Platform ${version.confluent})` : ''}`
    : versionString;

  const reason = (feature: Feature): string | undefined => {
    const spec = SPEC.get(feature);
    if (!spec || !version) return undefined;
    if (compare(version, toMajorMinor(spec.since)) < 0) {
      return `${spec.label} needs Kafka Connect ${spec.since}, this cluster is ${clusterLabel}`;
    }
    if (spec.removedIn && compare(version, toMajorMinor(spec.removedIn)) >= 0) {
      return `${spec.label} was removed in Kafka Connect ${spec.removedIn}, this cluster is ${clusterLabel}`;
    }
    return undefined;
  };
  const supports = (feature: Feature): boolean => reason(feature) === undefined;

  return {
    reported: versionString,
    version,
    kafkaVersion,
    known: version !== undefined,
    supports,
    reason,
    table: () =>
      FEATURES.map((f) => {
        const why = reason(f.id);
        return { ...f, supported: version ? why === undefined : undefined, ...(why ? { reason: why } : {}) };
      }),
  };
}
