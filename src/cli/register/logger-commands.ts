// `kcx logger get|set`: one logger's level on the workers (listing them all is `kcx get loggers`).
import { type Command, Option } from 'commander';
import type { LoggerScope } from '../../connect/types.js';
import { runCommand } from '../failure.js';
import { addTargetOptions } from '../target-options.js';
import { examples, outputOption } from './shared.js';

type Format = 'table' | 'json' | 'yaml';

export function registerLoggerCommands(program: Command): void {
  const logger = examples(
    program
      .command('logger')
      .description(
        "Show or change a logger's level on the workers (Kafka Connect 2.4+; all: kcx get loggers)",
      ),
    [
      'kcx logger set org.apache.kafka.connect.runtime.WorkerSinkTask DEBUG',
      'kcx logger set org.apache.kafka.connect INFO --scope cluster',
      'kcx logger get root',
    ],
  );

  examples(
    addTargetOptions(
      logger
        .command('get')
        .description("Print one logger's level (and when it was last changed, on 3.7+)")
        .argument('<name>', 'logger name, e.g. org.apache.kafka.connect.runtime.Worker, or root')
        .addOption(outputOption(['table', 'json', 'yaml'])),
    ),
    ['kcx logger get root', 'kcx logger get org.apache.kafka.connect -o json'],
  ).action(async (name: string, opts: { output: Format }, cmd: Command) =>
    runCommand(async () => {
      const { loggerGet } = await import('../commands/logger.js');
      const { processOut } = await import('../commands/common.js');
      const { withTarget } = await import('../target.js');
      return withTarget(cmd, ({ client }) => loggerGet(client, name, opts.output, processOut()));
    }),
  );

  examples(
    addTargetOptions(
      logger
        .command('set')
        .description("Set a logger's level (and its descendants'); not persisted across worker restarts")
        .argument('<name>', 'logger name, e.g. org.apache.kafka.connect.runtime.WorkerSinkTask, or root')
        .argument('<level>', 'TRACE, DEBUG, INFO, WARN, ERROR, FATAL or OFF (any case)')
        .addOption(
          new Option(
            '--scope <scope>',
            'worker: only the worker at the URL; cluster: every worker (Kafka Connect 3.7+)',
          )
            .choices(['worker', 'cluster'])
            .default('worker'),
        )
        .addOption(outputOption(['table', 'json', 'yaml'])),
    ),
    [
      'kcx logger set org.apache.kafka.connect.runtime.WorkerSinkTask debug',
      'kcx logger set io.debezium TRACE --scope cluster --context staging',
      'kcx logger set root WARN -o json      # {"logger", "level", "scope", "affected": [...]}',
      '',
      'Worker scope changes the worker that answers the request (behind a load balancer, whichever it',
      'picks) and lists the loggers it changed. Cluster scope needs Kafka Connect 3.7 or later (older',
      'clusters are refused before anything is sent, exit 1); every worker applies it asynchronously',
      'and Connect answers without a list. A read-only context refuses both (exit 1); a bad level is',
      'exit 2 with nothing sent.',
    ],
  ).action(async (name: string, level: string, opts: { scope: LoggerScope; output: Format }, cmd: Command) =>
    runCommand(async () => {
      const { checkLoggerArgs, loggerSet } = await import('../commands/logger.js');
      const { processOut } = await import('../commands/common.js');
      const { withAuditedTarget } = await import('../target.js');
      const parsed = checkLoggerArgs(name, level);
      return withAuditedTarget(cmd, ({ client, ctx }) =>
        loggerSet(client, ctx, name, parsed, opts.scope, opts.output, processOut()),
      );
    }),
  );
}
