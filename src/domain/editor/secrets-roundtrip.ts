// Secrets in the editor: the text shows them masked, and what goes back to the worker has the real
// value wherever the user left a mask alone. masking.ts's unmaskConfig does the restoring; this module
// pins the mask options for one editing session (masking and restoring must agree on which keys are
// PASSWORD, or a mask could not be traced back) and turns what cannot be restored into errors beside
// the keys, so a mask is never sent as a password.
import type { ConnectorConfig } from '../../connect/types.js';
import { MASK, type MaskOptions, maskConfig, unmaskConfig } from '../masking.js';
import type { KeyMessage } from './json-check.js';

export type RestoreResult =
  | { ok: true; config: ConnectorConfig }
  /** `config` has the masks still in it for the keys in `errors`: it must not be sent. */
  | { ok: false; config: ConnectorConfig; errors: KeyMessage[] };

export interface SecretsRoundtrip {
  /** The config as the editor shows it. */
  readonly shown: ConnectorConfig;
  /** The options `shown` was masked with, to mask the diff and other views alike. */
  readonly options: MaskOptions;
  /**
   * The config to validate and send: untouched masks replaced by the real values of `source`, retyped
   * values as typed. `keyLines` (from the JSON check of the same text) places the errors.
   */
  restore(edited: ConnectorConfig, keyLines: ReadonlyMap<string, number>): RestoreResult;
}

/**
 * `source` is the config the editor text is made from: the live config when editing, the original
 * connector's when cloning (so the clone gets the real secrets), `{}` for a template.
 */
export function secretsRoundtrip(source: ConnectorConfig, options: MaskOptions = {}): SecretsRoundtrip {
  const pinned: MaskOptions = { passwordKeys: new Set(options.passwordKeys ?? []) };
  return {
    shown: maskConfig(source, pinned),
    options: pinned,
    restore(edited, keyLines) {
      const { config, unresolved } = unmaskConfig(edited, source, pinned);
      if (unresolved.length === 0) return { ok: true, config };
      const errors = unresolved.map((key) => ({
        key,
        // Every edited key comes from the text, so it has a line; 1 only guards a caller mix-up.
        line: keyLines.get(key) ?? 1,
        message: `has a mask (${MASK}) that does not stand for a secret of this key: type the real value`,
      }));
      return { ok: false, config, errors };
    },
  };
}
