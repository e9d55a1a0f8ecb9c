// `kcx logger set NAME LEVEL [--scope worker|cluster]` and `kcx logger get NAME`. A level set
// through REST is not persisted: a restarted worker goes back to its log4j configuration.
//
// Worker scope (the default, and the only one before 3.7) changes the worker that answers the
// request — behind a load balancer, whichever it picks — and Connect lists the loggers it changed.
// Cluster scope (3.7+) has every worker apply it asynchronously and answers 204 with no list.
import type { ConnectClient } from '../../connect/client.js';
import type { LoggerScope } from '../../connect/types.js';
import type { ResolvedContext } from '../../config/resolve.js';
import { LOG_LEVELS, type LogLevel, parseLogLevel } from '../../domain/log-levels.js';
import { CommandExit, EXIT_FAILED, UsageError, refuseReadOnly } from '../failure.js';
import { isStructured, renderStructured } from '../output/format.js';
import { printListing } from '../output/listing.js';
import type { Out } from './common.js';
import { loggersListing } from './get.js';

type Format = 'table' | 'json' | 'yaml';

/** Checked before anything is resolved or sent: a bad level is bad input (exit 2). */
export function checkLoggerArgs(name: string, level: string): LogLevel {
  if (name.trim() === '') throw new UsageError('the logger name is empty (the root logger is "root")');
  const parsed = parseLogLevel(level);
  if (!parsed) throw new UsageError(`invalid level "${level}": one of ${LOG_LEVELS.join(', ')} (any case)`);
  return parsed;
}

export async function loggerSet(
  client: ConnectClient,
  ctx: ResolvedContext,
  name: string,
  level: LogLevel,
  scope: LoggerScope,
  output: Format,
  out: Out,
): Promise<number> {
  refuseReadOnly(ctx);
  // The version first, so an old cluster is told why before anything is sent.
  const caps = await client.capabilities();
  const noLoggers = caps.reason('loggers');
  if (noLoggers) throw new CommandExit(`[${ctx.name}] ${noLoggers}`, EXIT_FAILED);
  const noScope = scope === 'cluster' ? caps.reason('logger-scope') : undefined;
  if (noScope) {
    throw new CommandExit(
      `[${ctx.name}] ${noScope}; nothing was sent (without --scope cluster the level is set on the worker at ${ctx.url} only)`,
      EXIT_FAILED,
    );
  }

  // Worker scope is every version's default: leaving the parameter out keeps old workers happy.
  const affected = await client.setLoggerLevel(name, level, scope === 'cluster' ? 'cluster' : undefined);
  // A worker of unknown version older than 3.7 ignores scope=cluster and answers like worker scope.
  const appliedScope: LoggerScope = affected === null ? 'cluster' : 'worker';
  if (isStructured(output)) {
    out.write(renderStructured({ logger: name, level, scope: appliedScope, affected }, output));
  } else if (affected === null) {
    out.write(
      `${name} set to ${level} on every worker of context ${ctx.name} (${ctx.url}); the workers apply it asynchronously, so kcx get loggers may show the old level for a moment\n`,
    );
  } else {
    out.write(
      `${name} set to ${level} on the worker at ${ctx.url} (context ${ctx.name}) only; ${affected.length} logger${affected.length === 1 ? '' : 's'} affected:\n`,
    );
    for (const logger of affected) out.write(`  ${logger}\n`);
  }
  if (scope === 'cluster' && appliedScope === 'worker') {
    out.warn(
      `[${ctx.name}] the worker ignored scope=cluster (Kafka Connect before 3.7?): ${name} changed on the worker at ${ctx.url} only`,
    );
    return EXIT_FAILED;
  }
  return 0;
}

export async function loggerGet(
  client: ConnectClient,
  name: string,
  output: Format,
  out: Out,
): Promise<number> {
  const caps = await client.capabilities();
  const unsupported = caps.reason('loggers');
  if (unsupported) throw new CommandExit(`[${client.context}] ${unsupported}`, EXIT_FAILED);
  const l = await client.logger(name);
  printListing(
    loggersListing([{ logger: name, level: l.level, lastModified: l.last_modified ?? null }]),
    output,
    out,
  );
  return 0;
}
