// The stop → alter/reset → resume flow of the offsets view. Connect refuses offset changes unless
// the connector is STOPPED, so kcx stops it (after the confirm), waits, applies, shows Connect's
// message, and offers to resume — following the connector back to RUNNING.
import { useCallback } from 'react';
import { describeError } from '../connect/errors.js';
import type { ConnectorOffset, Message } from '../connect/types.js';
import { ensureStopped, waitForRunning } from '../domain/offsets.js';
import { useActions } from './actions-context.js';
import { useUiDispatch } from './app-state.js';
import { useServices } from './services.js';

const STOP_TIMEOUT_MS = 30_000;

export interface OffsetsFlow {
  reset(): void;
  alter(offsets: ConnectorOffset[]): void;
  resume(): void;
}

export function useOffsetsFlow(name: string, state: string | undefined, reload: () => void): OffsetsFlow {
  const actions = useActions();
  const dispatch = useUiDispatch();
  const { client, context, poller } = useServices();
  const say = useCallback(
    (tone: 'info' | 'ok' | 'warn' | 'error', text: string) =>
      dispatch({ type: 'notice', notice: { tone, text } }),
    [dispatch],
  );

  const resume = useCallback(() => {
    if (!actions.allowed('resume')) return;
    void (async () => {
      if (
        !(await actions.perform({ base: 'resume', ing: 'resuming', ed: 'resumed' }, name, () =>
          client.resumeConnector(name),
        ))
      )
        return;
      const back = await waitForRunning(client, name, { timeoutMs: STOP_TIMEOUT_MS });
      await poller.refreshNow();
      if (back.running) say('ok', `"${name}" is RUNNING again on ${context.name}, with all its tasks`);
      else if (back.failedTasks.length > 0 || back.state === 'FAILED')
        say(
          'error',
          `"${name}" resumed, but ${back.failedTasks.length > 0 ? `task ${back.failedTasks.join(', ')} FAILED` : 'the connector FAILED'} — Enter on it shows the trace`,
        );
      else
        say(
          'warn',
          `"${name}" is ${back.state} ${STOP_TIMEOUT_MS / 1000} s after the resume — check its tasks`,
        );
      reload();
    })();
  }, [actions, client, context.name, name, poller, reload, say]);

  const run = useCallback(
    (what: string, change: () => Promise<Message>) => {
      void (async () => {
        let stoppedByUs = false;
        try {
          say('info', `stopping "${name}" and waiting for STOPPED…`);
          const stop = await ensureStopped(client, name, { timeoutMs: STOP_TIMEOUT_MS });
          stoppedByUs = stop.stoppedByUs;
          if (!stop.reached) {
            actions.openDialog({
              kind: 'message',
              title: `"${name}" did not reach STOPPED`,
              lines: [
                `It is ${stop.state} after ${STOP_TIMEOUT_MS / 1000} s. The offsets were not changed; nothing else was done.`,
              ],
            });
            say('warn', `${what} not done: "${name}" is ${stop.state}, not STOPPED`);
            return;
          }
          say('info', `${what}…`);
          const message = await change();
          reload();
          say('ok', `${what}: done on ${context.name}`);
          actions.openDialog({
            kind: 'choice',
            title: `Connect says: ${message.message}`,
            lines: [`"${name}" is STOPPED${stoppedByUs ? ' (kcx stopped it for this)' : ''}.`],
            options: [
              { value: 'resume', label: 'resume it now and follow it to RUNNING' },
              { value: 'leave', label: 'leave it STOPPED (r resumes later)' },
            ],
            onChoose: (choice) => choice === 'resume' && resume(),
          });
        } catch (e) {
          reload();
          actions.openDialog({
            kind: 'message',
            title: `${what} failed`,
            lines: [
              describeError(e),
              stoppedByUs ? `"${name}" was stopped by kcx and is left STOPPED; r resumes it.` : '',
            ].filter(Boolean),
          });
          say('error', `${what} failed on ${context.name}`);
        } finally {
          void poller.refreshNow();
        }
      })();
    },
    [actions, client, context.name, name, poller, reload, resume, say],
  );

  const reset = useCallback(() => {
    if (!actions.allowed('resetting offsets', 'offsets-reset')) return;
    actions.openDialog({
      kind: 'confirm',
      title: `Reset all offsets of "${name}" on ${context.name}?`,
      lines: [
        ...confirmLines(name, state, 'DELETE'),
        'A source connector starts from scratch; a sink re-reads from its consumer reset policy.',
      ],
      confirmLabel: 'Reset offsets',
      danger: true,
      onConfirm: () => run('resetting offsets', () => client.resetOffsets(name)),
    });
  }, [actions, client, context.name, name, run, state]);

  const alter = useCallback(
    (offsets: ConnectorOffset[]) => {
      if (!actions.allowed('altering offsets', 'offsets-alter')) return;
      actions.openDialog({
        kind: 'confirm',
        title: `Alter ${offsets.length} offset(s) of "${name}" on ${context.name}?`,
        lines: confirmLines(name, state, 'PATCH'),
        confirmLabel: 'Alter offsets',
        danger: true,
        onConfirm: () => run('altering offsets', () => client.alterOffsets(name, offsets)),
      });
    },
    [actions, client, context.name, name, run, state],
  );

  return { reset, alter, resume };
}

function confirmLines(name: string, state: string | undefined, method: string): string[] {
  return [
    state === 'STOPPED'
      ? `"${name}" is STOPPED.`
      : `"${name}" is ${state ?? 'in an unknown state'}: kcx stops it first and waits for STOPPED (up to ${STOP_TIMEOUT_MS / 1000} s).`,
    `Then ${method} /connectors/${name}/offsets; you can resume it afterwards.`,
  ];
}
