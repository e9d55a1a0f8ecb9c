// `kcx export [NAMES…|--match P] [-o yaml|json] [--dir DIR]`: connector configs back to files that
// `kcx apply` accepts, so export → apply reports "unchanged". It is a backup, so values are written
// as they are, secrets included: files get mode 0600 and stderr says that they hold secrets.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ConnectClient } from '../../connect/client.js';
import { mapWithConcurrency } from '../../connect/concurrency.js';
import type { ConnectorConfig } from '../../connect/types.js';
import { maskConfig } from '../../domain/masking.js';
import { compareNames } from '../../domain/names.js';
import type { ResolvedContext } from '../../config/resolve.js';
import { writePrivateFile } from '../../config/private-file.js';
import { EXIT_FAILED } from '../failure.js';
import { renderStructured } from '../output/format.js';
import { matcher, type Out } from './common.js';

export interface ExportOptions {
  output: 'yaml' | 'json';
  dir?: string;
  match?: string;
}

export interface ExportedConnector {
  name: string;
  config: ConnectorConfig;
}

const CONCURRENCY = 8;

export async function runExport(
  client: ConnectClient,
  ctx: ResolvedContext,
  names: readonly string[],
  opts: ExportOptions,
  out: Out,
): Promise<number> {
  const match = matcher(opts.match);
  const existing = await client.listConnectors();
  const known = new Set(existing);
  const missing = names.filter((n) => !known.has(n));
  const chosen = (names.length > 0 ? names.filter((n) => known.has(n)) : existing)
    .filter(match)
    .sort(compareNames);
  const configs = await mapWithConcurrency(chosen, CONCURRENCY, (name) => client.connectorConfig(name));
  const exported = chosen.map((name, i) => ({ name, config: forFile(configs[i] ?? {}) }));

  const secretHolders = exported.filter((e) => holdsSecrets(e.config)).length;
  if (opts.dir) {
    mkdirSync(opts.dir, { recursive: true, mode: 0o700 });
    for (const e of exported) {
      const file = join(opts.dir, `${fileNameFor(e.name)}.${opts.output === 'json' ? 'json' : 'yaml'}`);
      writePrivateFile(file, render(e, opts.output, ctx));
    }
    out.write(`exported ${exported.length} connector${exported.length === 1 ? '' : 's'} to ${opts.dir}\n`);
  } else if (exported.length > 0 || names.length === 0) {
    out.write(renderAll(exported, opts.output, ctx));
  }
  // Always said: a secret the masking rules do not recognise is still in the file.
  if (exported.length > 0) {
    const where = opts.dir ? 'the files' : 'it';
    out.warn(
      secretHolders > 0
        ? `warning: the export holds secrets in clear (${secretHolders} connector${secretHolders === 1 ? '' : 's'}); keep ${where} private`
        : `warning: the export holds the configs as they are, any secrets in clear; keep ${where} private`,
    );
  }
  if (exported.length === 0 && names.length === 0) out.warn('no connectors matched');
  for (const name of missing) out.warn(`connector ${name} not found`);
  return missing.length > 0 ? EXIT_FAILED : 0;
}

/** `name` lives next to the config in the file; `connector.class` first, then the keys sorted. */
function forFile(config: ConnectorConfig): ConnectorConfig {
  const { name: _name, ...rest } = config;
  const keys = Object.keys(rest).sort((a, b) =>
    a === 'connector.class' ? -1 : b === 'connector.class' ? 1 : a < b ? -1 : a > b ? 1 : 0,
  );
  return Object.fromEntries(keys.map((k) => [k, rest[k] as string]));
}

function holdsSecrets(config: ConnectorConfig): boolean {
  const masked = maskConfig(config);
  return Object.keys(config).some((k) => masked[k] !== config[k]);
}

function banner(ctx: ResolvedContext): string {
  return `# Exported by kcx from context ${ctx.name} (${ctx.url}). Values are real, secrets included: keep this file private.\n`;
}

function render(e: ExportedConnector, format: 'yaml' | 'json', ctx: ResolvedContext): string {
  if (format === 'json') return renderStructured(e, 'json');
  return banner(ctx) + renderStructured(e, 'yaml');
}

function renderAll(all: readonly ExportedConnector[], format: 'yaml' | 'json', ctx: ResolvedContext): string {
  if (format === 'json') return renderStructured(all, 'json');
  return banner(ctx) + renderStructured({ connectors: all }, 'yaml');
}

/**
 * A file name for a connector name that may hold `/`, spaces, `%` or emoji: unsafe characters are
 * percent-encoded (so two names never collide), everything else is kept readable.
 */
export function fileNameFor(name: string): string {
  let out = '';
  for (const ch of name) {
    const unsafe = /[/\\:*?"<>|%\u0000-\u001f\u007f]/.test(ch);
    out += unsafe
      ? encodeURIComponent(ch).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
      : ch;
  }
  // Hidden files and the special names . and .. are not what anyone wants.
  if (out.startsWith('.')) out = `%2E${out.slice(1)}`;
  return out;
}
