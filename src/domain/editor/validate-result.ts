// The second step of Ctrl-S: what to send to `PUT /connector-plugins/{class}/config/validate`, and
// how to show its answer. Connect answers 200 with per-key errors; the editor shows each beside its
// key, and lists at the top the errors of keys that are not in the text (a required key left out).
import type { ConfigInfos, ConfigType, ConnectorConfig } from '../../connect/types.js';

export interface UnplacedErrors {
  key: string;
  errors: string[];
}

export interface ValidationView {
  /** Connect's own `error_count`, for the footer. */
  errorCount: number;
  /** Errors of keys written in the text, in Connect's order. */
  byKey: ReadonlyMap<string, string[]>;
  /** Errors of keys that are not in the text, in Connect's order: shown above the text. */
  unplaced: UnplacedErrors[];
  /** The definition type of every key Connect knows, so the view can mask PASSWORD values. */
  types: ReadonlyMap<string, ConfigType>;
  /** Keys whose definition type is PASSWORD (for `MaskOptions.passwordKeys`). */
  passwordKeys: ReadonlySet<string>;
}

/**
 * Places Connect's errors. `presentKeys` are the keys written in the editor (`keyLines` of the
 * JSON check); an error on any other key cannot sit beside it, so it goes to `unplaced`.
 */
export function mapValidation(infos: ConfigInfos, presentKeys: Iterable<string>): ValidationView {
  const present = new Set(presentKeys);
  const errors = new Map<string, string[]>();
  const types = new Map<string, ConfigType>();
  const passwordKeys = new Set<string>();
  for (const info of infos.configs) {
    const key = info.definition?.name ?? info.value?.name;
    if (key === undefined) continue;
    if (info.definition) {
      types.set(key, info.definition.type);
      if (info.definition.type === 'PASSWORD') passwordKeys.add(key);
    }
    const messages = info.value?.errors ?? [];
    if (messages.length === 0) continue;
    // A key can appear more than once (a connector redefining a framework key); merge, without repeats.
    const list = errors.get(key) ?? [];
    for (const m of messages) if (!list.includes(m)) list.push(m);
    errors.set(key, list);
  }
  const byKey = new Map<string, string[]>();
  const unplaced: UnplacedErrors[] = [];
  for (const [key, list] of errors) {
    if (present.has(key)) byKey.set(key, list);
    else unplaced.push({ key, errors: list });
  }
  return { errorCount: infos.error_count, byKey, unplaced, types, passwordKeys };
}

export type ValidationRequest =
  | { ok: true; pluginClass: string; config: ConnectorConfig }
  | { ok: false; key: string; message: string };

/**
 * The plugin path and body for validate, or why it cannot be sent. For an existing connector `name`
 * is what PUT …/config will use: validate does not add it (it would report "Missing required
 * configuration "name""), so it is filled in here; a different `name` in the text is refused because
 * a connector cannot be renamed (PUT would answer 400, and PATCH would store it as is). For a new
 * connector the text must name it.
 */
export function validationRequest(
  config: ConnectorConfig,
  target: { kind: 'update'; name: string } | { kind: 'create' },
): ValidationRequest {
  const pluginClass = config['connector.class']?.trim();
  if (!pluginClass) {
    return { ok: false, key: 'connector.class', message: 'connector.class is required: the plugin to run' };
  }
  if (target.kind === 'create') {
    if (!config.name?.trim())
      return { ok: false, key: 'name', message: 'name is required for a new connector' };
    return { ok: true, pluginClass, config };
  }
  if (config.name !== undefined && config.name !== target.name) {
    return {
      ok: false,
      key: 'name',
      message: `name must stay "${target.name}": a connector cannot be renamed (clone it instead)`,
    };
  }
  return { ok: true, pluginClass, config: { ...config, name: target.name } };
}
