// Connector config validation as AbstractHerder.validateConnectorConfig / DistributedHerder do it:
// `PUT /connector-plugins/{p}/config/validate` (§3.21) and the validation step of create/PUT/PATCH
// (§4.2). ConfigDef semantics (parse, defaults, validators) follow Kafka's wording exactly.
import type {
  ConfigInfo,
  ConfigInfos,
  ConfigType,
  ConfigValueInfo,
  ConnectorConfig,
} from '../connect/types.js';
import {
  configKeyInfo,
  convertToString,
  frameworkKeys,
  invalidValue,
  isJavaClassName,
  javaHashOrder,
  javaToString,
  parsedDefault,
  parseType,
  versionAtLeast,
} from './plugins/framework.js';
import {
  type Catalogue,
  type CatalogueOptions,
  getCatalogue,
  loadPluginClass,
  lookupConnector,
  pluginEntries,
} from './plugins/index.js';
import type { ConfigKeyDef, ConfigValidator, ParsedValue, PluginDef } from './plugins/types.js';

export interface ValidationOptions extends CatalogueOptions {
  /** The plugins to validate against; by default the catalogue of `kafkaVersion`. */
  catalogue?: Catalogue;
  /** Some checks belong to DistributedHerder only (default: distributed, like the fixture worker). */
  mode?: 'distributed' | 'standalone';
  /** The distributed worker's group.id, which a sink's consumer group may not equal. Default "connect-cluster". */
  workerGroupId?: string;
  /** The worker has exactly.once.source.support=enabled. Default false. */
  exactlyOnceSourceEnabled?: boolean;
}

/** 200 with ConfigInfos (even when it counts errors), or the error status and message a worker answers. */
export type ValidationResult =
  | { ok: true; infos: ConfigInfos }
  | { ok: false; status: 400 | 500; message: string };

/** A key as validation sees it. Keys embedded for a transform validate under their unprefixed name. */
interface KeyDef extends ConfigKeyDef {
  validatorName?: string;
  /** CLASS keys whose class must be a catalogue plugin (transform/predicate `type`). */
  catalogueClassesOnly?: boolean;
}

/** A ConfigValue while validation runs. */
interface Value {
  name: string;
  value: ParsedValue;
  errors: string[];
  recommended: string[];
  visible: boolean;
}

interface Context {
  catalogue: Catalogue;
  props: Map<string, string | null>;
  /** The non-null values, for recommenders. */
  config: ConnectorConfig;
}

const NULL_VALUE_ERROR = 'Null value can not be supplied as the configuration value.';

// ── public API ────────────────────────────────────────────────────────────────

/**
 * Validates a connector config as the worker would. JSON numbers and booleans arrive as their
 * text (Jackson coerces them into the String map); `null` values are kept.
 */
export function validateConnectorConfig(
  config: Record<string, unknown>,
  opts: ValidationOptions = {},
): ValidationResult {
  const props = new Map<string, string | null>(
    Object.entries(config).map(([k, v]) => [k, v === null || v === undefined ? null : String(v)]),
  );
  const connType = props.get('connector.class');
  if (connType === undefined || connType === null) {
    return {
      ok: false,
      status: 400,
      message: `Connector config ${javaMapToString(props)} contains no connector type`,
    };
  }
  const catalogue = opts.catalogue ?? getCatalogue(opts);
  const found = lookupConnector(connType, catalogue);
  if ('error' in found) return { ok: false, status: 500, message: found.error };
  const plugin = found.plugin;
  const type = plugin.type === 'sink' ? 'sink' : 'source';
  const ctx: Context = { catalogue, props, config: nonNull(props) };
  const distributed = (opts.mode ?? 'distributed') === 'distributed';

  const enrichedDefs = enrich(frameworkKeys(type, catalogue.apache), ctx);
  const frameworkValues = validateAll(enrichedDefs, ctx);
  if (type === 'sink') {
    validateSinkTopics(props, frameworkValues);
    if (distributed) validateSinkGroupId(props, frameworkValues, opts.workerGroupId ?? 'connect-cluster');
  } else if (distributed) {
    validateExactlyOnce(plugin, frameworkValues, ctx, opts.exactlyOnceSourceEnabled ?? false);
    validateTransactionBoundary(plugin, frameworkValues, ctx);
  }
  // Since 3.2 (KAFKA-13306). The ConfigValue may be replaced below by the connector's own
  // validation of the same key, which then drops this error — as on a real worker.
  if (versionAtLeast(catalogue.apache, '3.2')) {
    for (const name of javaHashOrder([...props.keys()], true)) {
      if (props.get(name) !== null) continue;
      const value = frameworkValues.get(name) ?? emptyValue(name);
      value.errors.push(NULL_VALUE_ERROR);
      frameworkValues.set(name, value);
    }
  }

  const connectorInfos = connectorConfigInfos(connType, plugin, enrichedDefs, frameworkValues, ctx);
  const converterInfos = versionAtLeast(catalogue.apache, '3.7')
    ? converterConfigInfos(frameworkValues, ctx)
    : [];
  return { ok: true, infos: mergeConfigInfos(connType, [connectorInfos, ...converterInfos]) };
}

/**
 * ConnectorPluginsResource's loose check of the path plugin against the body's connector.class:
 * the 400 message when they disagree, else undefined.
 */
export function checkValidatePath(
  pathPlugin: string,
  bodyClass: string | null | undefined,
): string | undefined {
  const normalized = (name: string) =>
    name.endsWith('Connector') ? name.slice(0, -'Connector'.length) : name;
  if (bodyClass === undefined || bodyClass === null) return undefined;
  return normalized(bodyClass).endsWith(normalized(pathPlugin))
    ? undefined
    : `Included connector type ${bodyClass} does not match request type ${pathPlugin}`;
}

/** AbstractHerder.maybeAddConfigErrors: the 400 message of create/PUT/PATCH with an invalid config. */
export function configErrorsMessage(infos: ConfigInfos): string {
  const lines = [
    `Connector configuration is invalid and contains the following ${infos.error_count} error(s):`,
  ];
  for (const info of infos.configs) lines.push(...(info.value?.errors ?? []));
  lines.push(
    'You can also find the above list of errors at the endpoint `/connector-plugins/{connectorType}/config/validate`',
  );
  return lines.join('\n');
}

/**
 * Java's AbstractMap.toString of a config map after the worker copied it into a HashMap
 * (ConfigTransformer does): `{k=v, k2=null}` in HashMap order.
 */
export function javaMapToString(
  props: ReadonlyMap<string, string | null> | Record<string, string | null>,
): string {
  const map = props instanceof Map ? props : new Map(Object.entries(props));
  const entries = javaHashOrder([...map.keys()], true).map((k) => `${k}=${map.get(k) ?? 'null'}`);
  return `{${entries.join(', ')}}`;
}

// ── ConfigDef.validateAll ─────────────────────────────────────────────────────

function nonNull(props: Map<string, string | null>): ConnectorConfig {
  const out: ConnectorConfig = {};
  for (const [k, v] of props) if (v !== null) out[k] = v;
  return out;
}

function emptyValue(name: string): Value {
  return { name, value: null, errors: [], recommended: [], visible: true };
}

/** What the worker's class loader finds for a CLASS value of this key. */
function classResolver(def: KeyDef, ctx: Context): (className: string) => string | undefined {
  return (className) => {
    if (def.knownClasses) return def.knownClasses.includes(className) ? className : undefined;
    const loaded = loadPluginClass(className, ctx.catalogue);
    if (loaded !== undefined) return loaded;
    if (def.catalogueClassesOnly || def.validator?.kind === 'pluginClass') return undefined;
    return isJavaClassName(className) ? className : undefined;
  };
}

/** ConfigDef.parseForValidate + validate for one key. */
function validateKey(def: KeyDef, raw: string | null | undefined, ctx: Context): Value {
  const value: Value = {
    name: def.name,
    value: null,
    errors: [],
    recommended: def.recommendedValues ?? [],
    visible: def.visible?.(ctx.config) ?? true,
  };
  if (raw !== undefined) {
    if (raw !== null) {
      const parsed = parseType(def.name, raw, def.type, classResolver(def, ctx));
      if (parsed.ok) value.value = parsed.value;
      else value.errors.push(parsed.error);
    }
  } else if (def.defaultValue === undefined) {
    value.errors.push(`Missing required configuration "${def.name}" which has no default value.`);
  } else {
    value.value = parsedDefault(def) ?? null;
  }
  if (def.validator) {
    const error = runValidator(def.validator, def.validatorName ?? def.name, value.value, def.type, ctx);
    if (error !== undefined) value.errors.push(error);
  }
  return value;
}

/** ConfigDef.validateAll over `defs` (in definition order) with the connector's props. */
function validateAll(defs: readonly KeyDef[], ctx: Context, props = ctx.props): Map<string, Value> {
  return new Map(defs.map((def) => [def.name, validateKey(def, props.get(def.name), ctx)]));
}

/** One ConfigDef.Validator's ensureValid, as its ConfigException message (undefined when valid). */
function runValidator(
  validator: ConfigValidator,
  name: string,
  value: ParsedValue,
  type: ConfigType,
  ctx: Context,
): string | undefined {
  const shown = javaToString(value, type);
  switch (validator.kind) {
    case 'atLeast':
    case 'between': {
      if (value === null) return invalidValue(name, 'null', 'Value must be non-null');
      const n = Number(value);
      if (n < validator.min) return invalidValue(name, shown, `Value must be at least ${validator.min}`);
      if (validator.kind === 'between' && n > validator.max) {
        return invalidValue(name, shown, `Value must be no more than ${validator.max}`);
      }
      return undefined;
    }
    case 'in': {
      const s = typeof value === 'string' ? value : null;
      if (validator.caseInsensitive) {
        // CaseInsensitiveValidString keeps the upper-cased values in a HashSet.
        const upper = javaHashOrder(validator.values.map((v) => v.toUpperCase()));
        return s !== null && upper.includes(s.toUpperCase())
          ? undefined
          : invalidValue(name, shown, `String must be one of (case insensitive): ${upper.join(', ')}`);
      }
      return s !== null && validator.values.includes(s)
        ? undefined
        : invalidValue(name, shown, `String must be one of: ${validator.values.join(', ')}`);
    }
    case 'nonEmptyString':
      return value === '' ? invalidValue(name, '', 'String may not be empty') : undefined;
    case 'nonEmptyStringWithoutControlChars': {
      if (typeof value !== 'string') return undefined;
      if (value === '') return invalidValue(name, '', 'String may not be empty');
      const control = [...value]
        .map((c) => c.codePointAt(0)!)
        .filter((c) => c <= 0x1f || (c >= 0x7f && c <= 0x9f));
      return control.length === 0
        ? undefined
        : invalidValue(
            name,
            value,
            `String may not contain control sequences but had the following ASCII chars: ${control.join(', ')}`,
          );
    }
    case 'nonNull':
      return value === null ? invalidValue(name, 'null', 'entry must be non null') : undefined;
    case 'uniqueAliases':
      if (value === null) return invalidValue(name, 'null', 'entry must be non null');
      return Array.isArray(value) && new Set(value).size < value.length
        ? invalidValue(name, shown, 'Duplicate alias provided.')
        : undefined;
    case 'nonEmptyList':
      return value === null || (Array.isArray(value) && value.length === 0)
        ? invalidValue(name, shown, 'Empty list')
        : undefined;
    case 'regex': {
      if (value === null) {
        return invalidValue(
          name,
          'null',
          'Invalid regex: Cannot invoke "String.isEmpty()" because "this.pattern" is null',
        );
      }
      const problem = javaPatternError(String(value));
      return problem === undefined ? undefined : invalidValue(name, shown, `Invalid regex: ${problem}`);
    }
    case 'pluginClass': {
      if (value === null || typeof value !== 'object' || !('className' in value)) return undefined;
      const isA = pluginEntries(value.className, ctx.catalogue).some((p) => p.type === validator.pluginType);
      return isA
        ? undefined
        : `Class class ${value.className} does not implement the ${validator.interfaceName} interface`;
    }
    case 'custom':
      return validator.check(name, value);
  }
}

/** Rewrites Java-only regex syntax into something the JS engine can judge. */
function jsCompatiblePattern(pattern: string): string {
  return pattern
    .replace(/\\Q([\s\S]*?)(\\E|$)/g, (_, literal: string) => literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .replace(/\(\?[idmsuxU-]+\)/g, '')
    .replace(/\(\?[idmsuxU-]+:/g, '(?:')
    .replace(/([*+?}])\+/g, '$1');
}

/** PatternSyntaxException.getMessage() for a pattern that does not compile, else undefined. */
export function javaPatternError(pattern: string): string | undefined {
  try {
    new RegExp(jsCompatiblePattern(pattern));
    return undefined;
  } catch (e) {
    const js = e instanceof Error ? e.message : String(e);
    let desc = js.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '');
    let index = -1;
    if (/Unterminated group/.test(js)) [desc, index] = ['Unclosed group', pattern.length];
    else if (/Unterminated character class/.test(js))
      [desc, index] = ['Unclosed character class', pattern.length - 1];
    else if (/Nothing to repeat/.test(js)) {
      index = pattern.search(/(^|[(|])[*+?]/);
      index = index < 0 ? 0 : /^[*+?]/.test(pattern.slice(index)) ? index : index + 1;
      desc = `Dangling meta character '${pattern[index] ?? '*'}'`;
    } else if (/Unmatched '\)'/.test(js))
      [desc, index] = ["Unmatched closing ')'", Math.max(0, pattern.indexOf(')') - 1)];
    const caret = index >= 0 && index < pattern.length ? `\n${' '.repeat(index)}^` : '';
    return `${desc}${index >= 0 ? ` near index ${index}` : ''}\n${pattern}${caret}`;
  }
}

// ── transforms / predicates enrichment (ConnectorConfig.enrich) ──────────────

const IMPORTANCE_RANK = { HIGH: 0, MEDIUM: 1, LOW: 2 } as const;

/** ConfigDef.sortedConfigs: ungrouped first, then by group, order, required-first, importance, name. */
function sortedConfigs(defs: readonly ConfigKeyDef[]): ConfigKeyDef[] {
  const groups = groupsOf(defs);
  return [...defs].sort((a, b) => {
    const ga = a.group === null ? -1 : groups.indexOf(a.group);
    const gb = b.group === null ? -1 : groups.indexOf(b.group);
    if (ga !== gb) return ga - gb;
    if (a.order !== b.order) return a.order - b.order;
    const ra = a.defaultValue === undefined ? 0 : 1;
    const rb = b.defaultValue === undefined ? 0 : 1;
    if (ra !== rb) return ra - rb;
    const ia = IMPORTANCE_RANK[a.importance];
    const ib = IMPORTANCE_RANK[b.importance];
    if (ia !== ib) return ia - ib;
    return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
  });
}

/** ConfigDef.groups(): group names in order of first definition. */
function groupsOf(defs: readonly ConfigKeyDef[]): string[] {
  const groups: string[] = [];
  for (const d of defs) if (d.group !== null && !groups.includes(d.group)) groups.push(d.group);
  return groups;
}

const ENRICHABLE = [
  { config: 'transforms', kind: 'Transformation', group: 'Transforms', pluginType: 'transformation' },
  { config: 'predicates', kind: 'Predicate', group: 'Predicates', pluginType: 'predicate' },
] as const;

/** The implicit keys every transformation gets (TransformationStage). */
const TRANSFORM_IMPLICIT_KEYS: ConfigKeyDef[] = [
  {
    name: 'predicate',
    type: 'STRING',
    defaultValue: null,
    importance: 'MEDIUM',
    documentation: 'The alias of a predicate used to determine whether to apply this transformation.',
    group: null,
    width: 'NONE',
    order: -1,
  },
  {
    name: 'negate',
    type: 'BOOLEAN',
    defaultValue: 'false',
    importance: 'MEDIUM',
    documentation: 'Whether the configured predicate should be negated.',
    group: null,
    width: 'NONE',
    order: -1,
  },
];

/** ConnectorConfig.enrich: a `type` key per transform/predicate alias, plus the plugin's own keys. */
function enrich(base: readonly ConfigKeyDef[], ctx: Context): KeyDef[] {
  const out: KeyDef[] = [...base];
  for (const { config, kind, group: groupBase, pluginType } of ENRICHABLE) {
    const raw = ctx.props.get(config);
    if (raw === undefined || raw === null) continue;
    const aliases = [...new Set(raw.trim() === '' ? [] : raw.trim().split(/\s*,\s*/))];
    const candidates = ctx.catalogue.plugins
      .filter((p) => p.type === pluginType)
      .map((p) => p.className)
      .sort();
    for (const alias of aliases) {
      const prefix = `${config}.${alias}.`;
      const group = `${groupBase}: ${alias}`;
      const typeKey = `${prefix}type`;
      out.push({
        name: typeKey,
        type: 'CLASS',
        importance: 'HIGH',
        documentation: `Class for the '${alias}' ${kind.toLowerCase()}.`,
        group,
        width: 'LONG',
        displayName: `${kind} type for ${alias}`,
        order: 0,
        recommendedValues: candidates,
        catalogueClassesOnly: true,
        validator: {
          kind: 'custom',
          check: (_name, value) => {
            if (
              kind === 'Transformation' &&
              ctx.props.has(`${prefix}negate`) &&
              !ctx.props.has(`${prefix}predicate`)
            ) {
              return `Config '${prefix}negate' was provided but there is no config '${prefix}predicate' defining a predicate to be negated.`;
            }
            if (value === null || typeof value !== 'object' || !('className' in value)) return undefined;
            const isA = pluginEntries(value.className, ctx.catalogue).some((p) => p.type === pluginType);
            return isA
              ? undefined
              : `Class class ${value.className} does not implement the ${kind} interface`;
          },
        },
      });
      const className = ctx.props.get(typeKey);
      const loaded = className ? loadPluginClass(className.trim(), ctx.catalogue) : undefined;
      const plugin = loaded
        ? pluginEntries(loaded, ctx.catalogue).find((p) => p.type === pluginType)
        : undefined;
      if (!plugin) continue;
      // The implicit keys mask any of the transformation's own keys with the same name.
      const own = plugin.configDefs.filter(
        (k) => kind !== 'Transformation' || !TRANSFORM_IMPLICIT_KEYS.some((i) => i.name === k.name),
      );
      const child = kind === 'Transformation' ? [...TRANSFORM_IMPLICIT_KEYS, ...own] : own;
      sortedConfigs(child).forEach((k, i) => {
        out.push({
          ...k,
          name: prefix + k.name,
          group: k.group === null ? group : `${group}: ${k.group}`,
          order: i + 1,
          displayName: k.displayName ?? k.name,
          dependents: (k.dependents ?? []).map((d) => prefix + d),
          validatorName: k.name,
        });
      });
    }
  }
  return out;
}

// ── sink and source rules ─────────────────────────────────────────────────────

function isBlank(s: string | null | undefined): boolean {
  return s === null || s === undefined || s.trim() === '';
}

function addError(values: Map<string, Value>, name: string, message: string): void {
  const value = values.get(name) ?? emptyValue(name);
  value.errors.push(message);
  values.set(name, value);
}

/** SinkConnectorConfig.validate: topics xor topics.regex, and the DLQ topic may not be consumed. */
function validateSinkTopics(props: Map<string, string | null>, values: Map<string, Value>): void {
  const topics = props.get('topics');
  const regex = props.get('topics.regex');
  const dlq = (props.get('errors.deadletterqueue.topic.name') ?? '').trim();
  const hasTopics = !isBlank(topics);
  const hasRegex = !isBlank(regex);
  for (const message of [
    ...(hasTopics && hasRegex
      ? ['topics and topics.regex are mutually exclusive options, but both are set.']
      : []),
    ...(!hasTopics && !hasRegex ? ['Must configure one of topics or topics.regex'] : []),
  ]) {
    addError(values, 'topics', message);
    addError(values, 'topics.regex', message);
  }
  if (dlq === '') return;
  if (hasTopics) {
    const list = [
      ...new Set(
        (topics ?? '')
          .trim()
          .split(/\s*,\s*/)
          .filter((t) => t !== ''),
      ),
    ];
    if (list.includes(dlq)) {
      addError(
        values,
        'topics',
        `The DLQ topic '${dlq}' may not be included in the list of topics ('topics=[${list.join(', ')}]') consumed by the connector`,
      );
    }
  }
  if (
    hasRegex &&
    javaPatternError(regex!) === undefined &&
    new RegExp(`^(?:${jsCompatiblePattern(regex!)})$`).test(dlq)
  ) {
    addError(
      values,
      'topics.regex',
      `The DLQ topic '${dlq}' may not be matched by the regex for the topics ('topics.regex=${regex}') consumed by the connector`,
    );
  }
}

/** DistributedHerder: a sink's consumer group may not be the worker group. */
function validateSinkGroupId(
  props: Map<string, string | null>,
  values: Map<string, Value>,
  workerGroupId: string,
): void {
  const override = 'consumer.override.group.id';
  if (props.has(override)) {
    const groupId = props.get(override) ?? null;
    if (!values.has(override)) values.set(override, { ...emptyValue(override), value: groupId });
    if (groupId === workerGroupId) {
      addError(
        values,
        override,
        `Consumer group ${groupId} conflicts with Connect worker group ${workerGroupId}`,
      );
    }
    return;
  }
  const name = values.get('name')?.value;
  if (typeof name === 'string' && `connect-${name}` === workerGroupId) {
    addError(
      values,
      'name',
      `Consumer group for sink connector named ${name} conflicts with Connect worker group ${workerGroupId}`,
    );
  }
}

/** DistributedHerder.validateSourceConnectorExactlyOnceSupport. */
function validateExactlyOnce(
  plugin: PluginDef,
  values: Map<string, Value>,
  ctx: Context,
  enabled: boolean,
): void {
  const value = values.get('exactly.once.support');
  if (!value || value.errors.length > 0 || String(value.value).toUpperCase() !== 'REQUIRED') return;
  if (!enabled) value.errors.push('This worker does not have exactly-once source support enabled.');
  const support = plugin.exactlyOnceSupport?.(ctx.config);
  if (support === undefined) {
    value.errors.push(
      'The connector does not implement the API required for preflight validation of exactly-once source support. Please consult the documentation for the connector to determine whether it supports exactly-once semantics, and then consider reconfiguring the connector to use the value "requested" for this property (which will disable this preflight check and allow the connector to be created).',
    );
  } else if (support === 'UNSUPPORTED') {
    value.errors.push(
      'The connector does not support exactly-once semantics with the provided configuration.',
    );
  }
}

/** DistributedHerder.validateSourceConnectorTransactionBoundary. */
function validateTransactionBoundary(plugin: PluginDef, values: Map<string, Value>, ctx: Context): void {
  const value = values.get('transaction.boundary');
  if (!value || value.errors.length > 0 || String(value.value).toUpperCase() !== 'CONNECTOR') return;
  if (!(plugin.canDefineTransactionBoundaries?.(ctx.config) ?? false)) {
    value.errors.push(
      'The connector does not support connector-defined transaction boundaries with the given configuration. Please reconfigure it to use a different transaction boundary definition.',
    );
  }
}

// ── assembling ConfigInfos (AbstractHerder.generateResult) ──────────────────────

function valueInfo(value: Value, type: ConfigType | undefined): ConfigValueInfo {
  return {
    name: value.name,
    value: convertToString(value.value, type),
    recommended_values: type === 'PASSWORD' ? value.recommended.map(() => '[hidden]') : value.recommended,
    errors: value.errors,
    visible: value.visible,
  };
}

/** The connector's own validate(): its ConfigDef (or its own field checks) plus extra errors. */
function connectorValues(plugin: PluginDef, ctx: Context): Value[] {
  const values: Value[] = plugin.validateValues
    ? plugin.validateValues(ctx.config).map((v) => {
        const def = plugin.configDefs.find((d) => d.name === v.name);
        return {
          name: v.name,
          value: v.value,
          errors: [...v.errors],
          recommended: v.recommendedValues ?? def?.recommendedValues ?? [],
          visible: v.visible ?? true,
        };
      })
    : [...validateAll(plugin.configDefs, ctx).values()];
  for (const [name, errors] of Object.entries(plugin.validate?.(ctx.config) ?? {})) {
    let value = values.find((v) => v.name === name);
    if (!value) {
      value = emptyValue(name);
      values.push(value);
    }
    value.errors.push(...errors);
  }
  return values;
}

function connectorConfigInfos(
  connType: string,
  plugin: PluginDef,
  enrichedDefs: readonly KeyDef[],
  frameworkValues: Map<string, Value>,
  ctx: Context,
): ConfigInfos {
  // LinkedHashMap.putAll: a connector key that redefines a framework key keeps its position.
  const configKeys = new Map<string, KeyDef>(enrichedDefs.map((d) => [d.name, d]));
  for (const def of plugin.configDefs) configKeys.set(def.name, def);
  const groups = [...new Set([...groupsOf(enrichedDefs), ...groupsOf(plugin.configDefs)])];

  // The worker keeps the framework's ConfigValues in a HashMap; only the order of values for
  // undefined keys (null-valued extras) shows it.
  const frameworkOrder = javaHashOrder([...frameworkValues.keys()]);
  const values = [...frameworkOrder.map((n) => frameworkValues.get(n)!), ...connectorValues(plugin, ctx)];

  const configs: ConfigInfo[] = [];
  let errorCount = 0;
  const byName = new Map<string, Value>();
  for (const value of values) {
    byName.set(value.name, value);
    if (!configKeys.has(value.name)) {
      configs.push({ definition: null, value: valueInfo(value, undefined) });
      errorCount += value.errors.length;
    }
  }
  for (const [name, def] of configKeys) {
    const value = byName.get(name);
    configs.push({ definition: configKeyInfo(def), value: value ? valueInfo(value, def.type) : null });
    errorCount += value?.errors.length ?? 0;
  }
  return { name: connType, error_count: errorCount, groups, configs };
}

const CONVERTER_KEYS = [
  { key: 'header.converter', pluginType: 'header_converter', usage: 'header' },
  { key: 'key.converter', pluginType: 'converter', usage: 'key' },
  { key: 'value.converter', pluginType: 'converter', usage: 'value' },
] as const;

/** Converter preflight validation (3.7+): the converter's own keys, prefixed, for each one set on the connector. */
function converterConfigInfos(frameworkValues: Map<string, Value>, ctx: Context): ConfigInfos[] {
  const out: ConfigInfos[] = [];
  for (const { key, pluginType, usage } of CONVERTER_KEYS) {
    const configured = frameworkValues.get(key)?.value;
    // Only a converter set on the connector itself, and one that loaded without errors.
    if (ctx.props.get(key) == null || frameworkValues.get(key)?.errors.length !== 0) continue;
    if (
      configured === null ||
      configured === undefined ||
      typeof configured !== 'object' ||
      !('className' in configured)
    ) {
      continue;
    }
    const converter = pluginEntries(configured.className, ctx.catalogue).find((p) => p.type === pluginType);
    if (!converter) continue;
    const prefix = `${key}.`;
    const pluginProps = new Map<string, string | null>();
    for (const [k, v] of ctx.props) if (k.startsWith(prefix)) pluginProps.set(k.slice(prefix.length), v);
    if (!pluginProps.has('converter.type')) pluginProps.set('converter.type', usage);
    const defs = new Map(converter.configDefs.map((d) => [d.name, d]));
    const values = validateAll(converter.configDefs, ctx, pluginProps);
    const groups: string[] = [];
    const configs: ConfigInfo[] = [];
    let errorCount = 0;
    // ConfigDef.validate returns the values of a HashMap.
    for (const name of javaHashOrder(converter.configDefs.map((d) => d.name))) {
      const def = defs.get(name)!;
      const value = values.get(name)!;
      if (def.group !== null && !groups.includes(def.group)) groups.push(def.group);
      if (value.errors.length > 0) errorCount++;
      configs.push({
        definition: configKeyInfo(def, prefix),
        value: valueInfo({ ...value, name: prefix + name }, def.type),
      });
    }
    out.push({ name: '', error_count: errorCount, groups, configs });
  }
  return out;
}

/** AbstractHerder.mergeConfigInfos. */
function mergeConfigInfos(connType: string, parts: ConfigInfos[]): ConfigInfos {
  return {
    name: connType,
    error_count: parts.reduce((n, p) => n + p.error_count, 0),
    groups: [...new Set(parts.flatMap((p) => p.groups))],
    configs: parts.flatMap((p) => p.configs),
  };
}
