// The audit log: one JSON line per mutating request kcx sent, in the state directory, so that "who
// deleted orders-sink, when, from where" has an answer on the operator's own machine.
//
//   {"time":"…","context":"prod","url":"http://connect:8083","method":"DELETE",
//    "path":"/connectors/orders-sink","status":204,"backup":"/…/backups/…/0001-orders-sink.json"}
//
// Config bodies are never logged. Error texts can quote values (a validation error naming a bad
// JDBC URL), so they pass through the URI-credential mask and any secret value kcx has seen in a
// config during this run is replaced by the mask.
import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { MutationEvent, MutationObserver } from '../connect/client.js';
import { describeError } from '../connect/errors.js';
import { path } from '../connect/paths.js';
import type { ConnectorConfig } from '../connect/types.js';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from './durable-write.js';
import { MASK, maskConfig, maskUriCredentials } from './masking.js';

export const AUDIT_FILE = 'audit.jsonl';
/** Past this size the log is moved to audit.jsonl.1 (one generation kept). */
export const AUDIT_MAX_BYTES = 10 * 1024 * 1024;

export interface AuditRecord {
  time: string;
  context: string;
  /** The cluster's base URL. */
  url: string;
  method: string;
  /** Path and query, relative to `url`. */
  path: string;
  status?: number;
  error?: string;
  /** For a delete: the backup file of the connector's config. */
  backup?: string;
}

export function auditFilePath(stateDir: string): string {
  return join(stateDir, AUDIT_FILE);
}

/**
 * Appends records as JSON lines. Appends are synchronous and small (one write per line, well under
 * PIPE_BUF), so concurrent kcx processes do not interleave within a line. Never throws: a failing
 * audit log must not stop an operator mid-incident; the first failure is kept for the caller to show.
 */
export class AuditLog {
  failure?: string;
  private checkedSize = false;

  constructor(
    readonly file: string,
    private readonly maxBytes = AUDIT_MAX_BYTES,
  ) {}

  append(record: AuditRecord): void {
    try {
      this.rotateOnce();
      appendFileSync(this.file, `${JSON.stringify(record)}\n`, { mode: PRIVATE_FILE_MODE });
    } catch (e) {
      this.failure ??= `cannot write the audit log ${this.file}: ${describeError(e)}`;
    }
  }

  /** Checked once per process: a run never writes anywhere near the limit by itself. */
  private rotateOnce(): void {
    if (this.checkedSize) return;
    this.checkedSize = true;
    mkdirSync(join(this.file, '..'), { recursive: true, mode: PRIVATE_DIR_MODE });
    try {
      if (statSync(this.file).size > this.maxBytes) renameSync(this.file, `${this.file}.1`);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  }
}

/**
 * Starts auditing a client's mutations into `<stateDir>/audit.jsonl`: what the CLI commands do, and
 * what the console should do with its client. Returns the trail (for noteBackup / noteSecrets).
 */
export function auditClient(
  client: { readonly url: string; observeMutations(observer: MutationObserver): () => void },
  context: string,
  stateDir: string,
): AuditTrail {
  const trail = new AuditTrail(new AuditLog(auditFilePath(stateDir)), { context, url: client.url });
  client.observeMutations(trail.observe);
  return trail;
}

/** Connects a client's mutation hook to an audit log, for one context. */
export class AuditTrail {
  private readonly backups = new Map<string, string>();
  private readonly secrets = new Set<string>();

  constructor(
    private readonly log: AuditLog,
    private readonly cluster: { context: string; url: string },
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Pass to the client as `onMutation` or to `client.observeMutations`. */
  readonly observe: MutationObserver = (e: MutationEvent) => {
    const backup = e.method === 'DELETE' ? this.backups.get(e.path) : undefined;
    this.log.append({
      time: this.now().toISOString(),
      context: this.cluster.context,
      url: this.cluster.url,
      method: e.method,
      path: e.path,
      ...(e.status === undefined ? {} : { status: e.status }),
      ...(e.error ? { error: this.redact(describeError(e.error)) } : {}),
      ...(backup ? { backup } : {}),
    });
  };

  /** The backup file of a connector about to be deleted: logged with its DELETE line. */
  noteBackup(connector: string, file: string): void {
    this.backups.set(path`/connectors/${connector}`, file);
  }

  /** Remembers a config's secret values so that no error text quoting them reaches the log. */
  noteSecrets(config: ConnectorConfig): void {
    const masked = maskConfig(config);
    for (const [key, value] of Object.entries(config)) {
      // Very short values would mask ordinary words in messages; they are weak secrets anyway.
      if (typeof value === 'string' && masked[key] !== value && value.length >= 4) this.secrets.add(value);
    }
  }

  get failure(): string | undefined {
    return this.log.failure;
  }

  private redact(text: string): string {
    let out = maskUriCredentials(text);
    for (const secret of this.secrets) out = out.replaceAll(secret, MASK);
    return out;
  }
}
