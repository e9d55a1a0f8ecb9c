// The first step of Ctrl-S: is the editor's text a connector config at all? Connect configs are flat
// maps of strings, so beyond JSON syntax we check the shape, say what we converted, and refuse what has
// no string form — each finding placed on its key's line so the view can show it beside the key.
import type { ConnectorConfig } from '../../connect/types.js';
import { type JsonMember, LineIndex, parseJsonText, type TextError } from './json-text.js';

export type { TextError } from './json-text.js';

/** Something about one key, on the line where the key is written. */
export interface KeyMessage {
  key: string;
  /** 1-based. */
  line: number;
  message: string;
}

export type ConfigCheck =
  /** Not JSON, or JSON that is not an object: nothing can be sent; the cursor can go to the position. */
  | { kind: 'text-error'; error: TextError }
  | {
      kind: 'config';
      /** Every key with a string value, numbers and booleans converted; keys in `errors` are left out. */
      config: ConnectorConfig;
      /** The line each key is on (the last one, for a key written twice: its value is the one used). */
      keyLines: ReadonlyMap<string, number>;
      /** Conversions done, e.g. `converted 5 to "5"`: worth showing, not blocking. */
      notes: KeyMessage[];
      /** Values that have no string form and duplicate keys: the config cannot be sent as is. */
      errors: KeyMessage[];
    };

export function checkConfigText(text: string): ConfigCheck {
  const parsed = parseJsonText(text);
  if (!parsed.ok) return { kind: 'text-error', error: parsed.error };
  const lines = new LineIndex(text);
  if (parsed.members === undefined) {
    const start = text.length - text.trimStart().length;
    const error: TextError = {
      message: `A connector config is a JSON object ({"key": "value", …}), not ${describe(parsed.value)}`,
      offset: start,
      ...lines.position(start),
    };
    return { kind: 'text-error', error };
  }

  const config: ConnectorConfig = {};
  const keyLines = new Map<string, number>();
  const notes: KeyMessage[] = [];
  const errors: KeyMessage[] = [];
  for (const member of parsed.members) {
    const line = lines.position(member.keyOffset).line;
    const { key } = member;
    const previous = keyLines.get(key);
    if (previous !== undefined) {
      // JSON.parse (and Connect's Jackson) would silently keep the last value; a repeated key in a
      // hand-edited config is almost always a paste gone wrong, so say so.
      errors.push({ key, line, message: `"${key}" is also set on line ${previous}; keep only one` });
    }
    keyLines.set(key, line);
    const converted = toConfigValue(member);
    if ('error' in converted) {
      errors.push({ key, line, message: converted.error });
      delete config[key];
      continue;
    }
    if (converted.note) notes.push({ key, line, message: converted.note });
    // defineProperty, not assignment: a `__proto__` key must stay a key.
    Object.defineProperty(config, key, {
      value: converted.value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return { kind: 'config', config, keyLines, notes, errors };
}

/** The config can be validated and sent: parsed, and no key in error. */
export function isSendable(check: ConfigCheck): check is Extract<ConfigCheck, { kind: 'config' }> {
  return check.kind === 'config' && check.errors.length === 0;
}

function toConfigValue(member: JsonMember): { value: string; note?: string } | { error: string } {
  const { value, raw } = member;
  if (typeof value === 'string') return { value };
  if (typeof value === 'number') {
    // The digits as typed: `5.0` stays "5.0" and a long id keeps digits a JS number would round.
    return { value: raw, note: `converted ${raw} to ${JSON.stringify(raw)}` };
  }
  if (typeof value === 'boolean') {
    return { value: String(value), note: `converted ${value} to "${value}"` };
  }
  if (value === null) return { error: 'null is not a config value; remove the key to leave it unset' };
  if (Array.isArray(value)) {
    return { error: 'must be a string, not an array; Connect lists are comma-separated: "a,b"' };
  }
  return { error: 'must be a string, not an object; Connect configs are flat ("a.b": "…")' };
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return 'a string';
  return `a ${typeof value}`;
}
