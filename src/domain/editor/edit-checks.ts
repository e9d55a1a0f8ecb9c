// The steps between the editor's text and the worker, chained so the view only makes the HTTP calls:
//   text → checkLocally (JSON, shape, masks, connector.class/name) → [the view calls validate]
//        → planChange (diff + PATCH/PUT/POST) → validationOutcome | unreachableOutcome
// which the edit session (edit-session.ts) takes as its `validated` event.
import type { ConnectorConfig, InitialState } from '../../connect/types.js';
import type { Capabilities } from '../../connect/version.js';
import type { MaskOptions } from '../masking.js';
import { type ApplyPlan, type ConfigDiff, choosePatchOrPut, createPlan, diffConfigs } from './config-diff.js';
import { checkConfigText, type KeyMessage, type TextError } from './json-check.js';
import type { SecretsRoundtrip } from './secrets-roundtrip.js';
import { type UnplacedErrors, type ValidationView, validationRequest } from './validate-result.js';

export type SessionTarget = { kind: 'update'; name: string } | { kind: 'create' };

/** Why a text cannot be applied (as it is). */
export type Problem =
  /** Not JSON, or not an object: the cursor can jump to the position. */
  | { kind: 'text'; error: TextError }
  /** Found before asking Connect: values with no string form, duplicate keys, masks, name/class. */
  | { kind: 'keys'; errors: KeyMessage[]; unplaced: UnplacedErrors[] }
  /** Connect's validate answered with errors. */
  | { kind: 'connect'; validation: ValidationView }
  /** The validate call itself failed (cluster down, 500 for an unknown plugin class, …). */
  | { kind: 'unreachable'; message: string };

/** What applying would do: shown before the user confirms. */
export interface Change {
  diff: ConfigDiff;
  plan: ApplyPlan;
}

export type LocalCheck =
  | { ok: false; problem: Problem }
  | {
      ok: true;
      /** Real values, with `name` filled in for an existing connector: what validate and apply send. */
      config: ConnectorConfig;
      /** The plugin class for the validate path. */
      pluginClass: string;
      keyLines: ReadonlyMap<string, number>;
      /** Conversions made (`converted 5 to "5"`), to show beside their keys. */
      notes: KeyMessage[];
    };

export function checkLocally(text: string, secrets: SecretsRoundtrip, target: SessionTarget): LocalCheck {
  const check = checkConfigText(text);
  if (check.kind === 'text-error') return { ok: false, problem: { kind: 'text', error: check.error } };
  const { keyLines, notes } = check;
  if (check.errors.length > 0)
    return { ok: false, problem: { kind: 'keys', errors: check.errors, unplaced: [] } };
  const restored = secrets.restore(check.config, keyLines);
  if (!restored.ok) return { ok: false, problem: { kind: 'keys', errors: restored.errors, unplaced: [] } };
  const request = validationRequest(restored.config, target);
  if (!request.ok) {
    const line = keyLines.get(request.key);
    const problem: Problem =
      line === undefined
        ? { kind: 'keys', errors: [], unplaced: [{ key: request.key, errors: [request.message] }] }
        : { kind: 'keys', errors: [{ key: request.key, line, message: request.message }], unplaced: [] };
    return { ok: false, problem };
  }
  return { ok: true, config: request.config, pluginClass: request.pluginClass, keyLines, notes };
}

export interface PlanContext {
  target: SessionTarget;
  /** The live config (real values) of the connector being edited; ignored when creating. */
  live: ConnectorConfig;
  caps: Pick<Capabilities, 'supports' | 'reason'>;
  /** For the diff's masking; include the PASSWORD keys validate reported. */
  mask: MaskOptions;
  /** For a new connector. */
  initialState?: InitialState;
}

export function planChange(next: ConnectorConfig, ctx: PlanContext): Change {
  if (ctx.target.kind === 'create') {
    return { diff: diffConfigs({}, next, ctx.mask), plan: createPlan(next, ctx.caps, ctx.initialState) };
  }
  return { diff: diffConfigs(ctx.live, next, ctx.mask), plan: choosePatchOrPut(ctx.live, next, ctx.caps) };
}

export type ValidationOutcome =
  | { ok: true; change: Change }
  /** `change` is what "apply anyway" would send; absent when nothing sendable exists. */
  | { ok: false; problem: Problem; change?: Change };

/** Connect's answer, with the change it would allow. */
export function validationOutcome(validation: ValidationView, change: Change): ValidationOutcome {
  if (validation.errorCount > 0) return { ok: false, problem: { kind: 'connect', validation }, change };
  return { ok: true, change };
}

/** The validate call failed; the user may still apply anyway (the worker validates again on apply). */
export function unreachableOutcome(message: string, change: Change): ValidationOutcome {
  return { ok: false, problem: { kind: 'unreachable', message }, change };
}

/** A problem found before any call: nothing can be sent. */
export function localOutcome(check: Extract<LocalCheck, { ok: false }>): ValidationOutcome {
  return { ok: false, problem: check.problem };
}

/** The union of the session's PASSWORD keys and those validate reported, for masking the diff. */
export function maskOptionsWith(base: MaskOptions, validation: ValidationView | undefined): MaskOptions {
  return { passwordKeys: new Set([...(base.passwordKeys ?? []), ...(validation?.passwordKeys ?? [])]) };
}
