// The Apache Kafka version the emulator pretends to be. Endpoints and parameters
// appear and disappear with it so that the client's capability gating can be tested.

export interface EmulatedVersion {
  /** As reported by `GET /`, e.g. "4.0.0" or "7.9.0-ccs". */
  reported: string;
  major: number;
  minor: number;
}

/** Accepts Apache versions ("3.9.0") and Confluent ones ("7.9.0-ccs", mapped to Apache for behaviour). */
export function parseEmulatedVersion(reported: string): EmulatedVersion {
  const match = /^(\d+)\.(\d+)(?:\.(\d+))?(.*)$/.exec(reported.trim());
  if (!match) throw new Error(`not a Kafka version: ${reported}`);
  let major = Number(match[1]);
  let minor = Number(match[2]);
  const suffix = match[4] ?? '';
  if (/-(ccs|ce)\b/.test(suffix)) [major, minor] = confluentToApache(major, minor);
  return { reported: reported.trim(), major, minor };
}

function confluentToApache(major: number, minor: number): [number, number] {
  if (major === 5) return [2, minor];
  if (major === 6) return [2, 6 + minor];
  if (major === 7) return [3, minor];
  if (major === 8) return [4, minor];
  return [major, minor];
}

/** True when the emulated version is at least `min` ("3.5"). */
export function atLeast(version: EmulatedVersion, min: string): boolean {
  const [maj, min2] = min.split('.').map(Number) as [number, number];
  return version.major > maj || (version.major === maj && version.minor >= min2);
}
