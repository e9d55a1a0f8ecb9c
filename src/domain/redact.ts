// Secrets can leak through text the worker sends back: a validation message quoting the bad value,
// a stack trace quoting a JDBC URL. Masking the config is not enough; the same secret values are
// blanked wherever they appear in such text.
import type { ConnectorConfig } from '../connect/types.js';
import { MASK, type MaskOptions, maskValue } from './masking.js';

/** Shorter values would blank ordinary words ("no", "on") all over a message. */
const MIN_SECRET_LENGTH = 4;

/**
 * The secret substrings of a config: whole values of secret keys, and the parts the mask hides in
 * other values (a URI's password, a JAAS option). Derived from the mask itself, so it follows
 * exactly the rules `maskConfig` shows.
 */
export function secretValues(config: ConnectorConfig, options: MaskOptions = {}): string[] {
  const secrets = new Set<string>();
  for (const [key, value] of Object.entries(config)) {
    if (typeof value !== 'string') continue;
    const masked = maskValue(key, value, options);
    if (masked === value) continue;
    for (const s of hiddenParts(value, masked)) if (s.length >= MIN_SECRET_LENGTH) secrets.add(s);
  }
  // Longest first, so a secret that contains another is blanked whole.
  return [...secrets].sort((a, b) => b.length - a.length);
}

/** What each mask in `masked` stands for in `original`, matching the literal text around it. */
function hiddenParts(original: string, masked: string): string[] {
  const pieces = masked.split(MASK);
  const out: string[] = [];
  let pos = (pieces[0] ?? '').length;
  for (let i = 1; i < pieces.length; i++) {
    const next = pieces[i] ?? '';
    const last = i === pieces.length - 1;
    const end = last ? original.length - next.length : next === '' ? -1 : original.indexOf(next, pos);
    if (end < pos) return [original];
    out.push(original.slice(pos, end));
    pos = end + next.length;
  }
  return out;
}

export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) out = out.split(s).join(MASK);
  return out;
}
