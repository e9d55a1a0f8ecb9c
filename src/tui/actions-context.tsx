// Actions on connectors: gate (read-only, version), preview in a dialog whose default is Cancel,
// run with bounded concurrency and progress, report per connector, then follow the cluster until
// the targets reach the state the action aims at (or a timeout).
import { createContext, type ReactNode, useCallback, useContext, useMemo, useRef, useState } from 'react';
import type { ConnectorState } from '../connect/types.js';
import type { Feature } from '../connect/version.js';
import { type BulkOutcome, runBulk, summarise } from '../domain/bulk-runner.js';
import { tildePath } from '../domain/home-path.js';
import type { ClusterSnapshot } from '../domain/snapshot.js';
import { useUiDispatch, useUi } from './app-state.js';
import type { Dialog } from './components/DialogHost.js';
import { deleteUndoActions } from './delete-undo.js';
import { useServices } from './services.js';

/** How an action reads in notices: "could not pause …", "pausing 3/12…", "paused …". */
export interface Verb {
  base: string;
  ing: string;
  ed: string;
}

export type ActionKind = 'pause' | 'resume' | 'stop' | 'delete' | 'restart' | 'restartFailed';

/** The keymap commands that act on connectors (the marked ones, or the current one). */
const CONNECTOR_ACTIONS: ReadonlySet<string> = new Set(['pause', 'resume', 'stop', 'delete', 'restart']);

export function isConnectorAction(command: string): command is Exclude<ActionKind, 'restartFailed'> {
  return CONNECTOR_ACTIONS.has(command);
}

export interface RequestOptions {
  /** Marked connectors the current filter hides: the confirm dialog warns about them. */
  hiddenMarked?: number;
}

interface Actions {
  request(kind: ActionKind, targets: string[], options: RequestOptions): void;
  restartTask(name: string, task: number): void;
  resetTopics(name: string): void;
  /** `u`: re-create the last deleted batch of this cluster, after a confirm. */
  undo(): void;
  /** Read-only and version gate for a view's own mutating key: says why (footer) and returns false. */
  allowed(what: string, feature?: Feature): boolean;
  /** Runs one call with the same progress and result reporting as the connector actions. */
  perform(verb: Verb, target: string, run: () => Promise<unknown>): Promise<boolean>;
  openDialog(dialog: Dialog): void;
  dialog: Dialog | undefined;
  closeDialog(): void;
}

const ActionsContext = createContext<Actions | null>(null);

const VERB: Record<
  Exclude<ActionKind, 'restartFailed'>,
  Verb & { feature?: Feature; target?: ConnectorState }
> = {
  pause: { base: 'pause', ing: 'pausing', ed: 'paused', target: 'PAUSED' },
  resume: { base: 'resume', ing: 'resuming', ed: 'resumed', target: 'RUNNING' },
  stop: { base: 'stop', ing: 'stopping', ed: 'stopped', feature: 'stop', target: 'STOPPED' },
  delete: { base: 'delete', ing: 'deleting', ed: 'deleted' },
  restart: { base: 'restart', ing: 'restarting', ed: 'restarted' },
};

type RestartMode = 'connector' | 'all' | 'failed';

export function ActionsProvider({ children }: { children: ReactNode }): ReactNode {
  const services = useServices();
  const { client, poller, context } = services;
  const dispatch = useUiDispatch();
  const ui = useUi();
  const [dialog, setDialog] = useState<Dialog | undefined>();
  const marksRef = useRef(ui.marks);
  marksRef.current = ui.marks;

  const notice = useCallback(
    (tone: 'info' | 'ok' | 'warn' | 'error', text: string) =>
      dispatch({ type: 'notice', notice: { tone, text } }),
    [dispatch],
  );

  const gate = useCallback(
    (what: string, feature?: Feature): boolean => {
      if (context.readonly) {
        notice('warn', `read-only context "${context.name}": ${what} is disabled`);
        return false;
      }
      const caps = client.knownCapabilities;
      if (feature && caps && !caps.supports(feature)) {
        notice('warn', caps.reason(feature) ?? `${what} is not supported by this cluster`);
        return false;
      }
      return true;
    },
    [client, context, notice],
  );

  /** Refreshes until every target satisfies `done`, or 15 s pass. */
  const follow = useCallback(
    async (names: string[], done: (snapshot: ClusterSnapshot, name: string) => boolean) => {
      const deadline = services.now() + 15_000;
      while (services.now() < deadline) {
        await poller.refreshNow();
        const snapshot = poller.state.snapshot;
        if (snapshot && names.every((n) => done(snapshot, n))) return true;
        await new Promise((r) => setTimeout(r, 400));
      }
      return false;
    },
    [poller, services],
  );

  /** Clears the marks of what succeeded and reports: a notice, and for many targets the list. */
  const report = useCallback(
    (verb: Verb, names: string[], outcomes: BulkOutcome[], note = '') => {
      const ok = outcomes.filter((o) => o.ok).map((o) => o.name);
      // Marks are cleared only for the connectors the action succeeded on.
      if (marksRef.current.size > 0) {
        const left = new Set(marksRef.current);
        for (const n of ok) left.delete(n);
        dispatch({ type: 'marks', marks: left });
      }
      const failed = outcomes.filter((o) => !o.ok && !o.gone);
      notice(
        failed.length === 0 ? 'ok' : 'error',
        (names.length === 1
          ? `${failed.length === 0 ? verb.ed : `could not ${verb.base}`} "${names[0]}" on ${context.name}${failed.length === 1 ? `: ${failed[0]!.error}` : ''}`
          : `${summarise(verb.ed, outcomes)} on ${context.name}${failed.length === 1 ? `: ${failed[0]!.error}` : ''}`) +
          note,
      );
      // The footer cuts a long reason; a single failure also gets it whole in a dialog.
      if (names.length === 1 && failed.length === 1) {
        setDialog({
          kind: 'message',
          title: `Could not ${verb.base} "${names[0]}" on ${context.name}`,
          lines: [failed[0]!.error ?? 'failed'],
        });
      }
      // A bulk action always ends with the per-connector list: nothing is left half-known.
      if (names.length > 1) {
        setDialog({ kind: 'results', title: `${summarise(verb.ed, outcomes)} — ${context.name}`, outcomes });
      }
      return ok;
    },
    [context.name, dispatch, notice],
  );

  const execute = useCallback(
    async (verb: Verb, names: string[], run: (name: string) => Promise<unknown>) => {
      // One target reads as a sentence ("restarting task 1 of "orders"…"); many show a count.
      const progress = (done: number) =>
        names.length === 1 ? `${verb.ing} "${names[0]}"…` : `${verb.ing} ${done}/${names.length}…`;
      notice('info', progress(0));
      const outcomes = await runBulk(names, run, {
        concurrency: 8,
        onProgress: (done) => notice('info', progress(done)),
      });
      return { outcomes, ok: report(verb, names, outcomes) };
    },
    [notice, report],
  );

  const deleteAndUndo = useMemo(
    () => deleteUndoActions({ services, notice, report, setDialog, follow }),
    [services, notice, report, follow],
  );

  /**
   * Restart in one of the three modes. Before Connect 3.0 the restart parameters are silently
   * ignored (only the connector restarts), so there the tasks are restarted one request each.
   */
  const restartWith = useCallback(
    async (name: string, mode: RestartMode) => {
      const native = client.knownCapabilities?.supports('restart-tasks') ?? true;
      if (native || mode === 'connector') {
        const opts =
          mode === 'all'
            ? { includeTasks: true }
            : mode === 'failed'
              ? { includeTasks: true, onlyFailed: true }
              : {};
        await client.restartConnector(name, opts);
        return;
      }
      const row = poller.state.snapshot?.byName.get(name);
      const tasks = (row?.tasks ?? []).filter((t) => mode === 'all' || t.state === 'FAILED');
      if (mode === 'all' || !row || row.status.connector.state === 'FAILED')
        await client.restartConnector(name);
      for (const t of tasks) await client.restartTask(name, t.id);
    },
    [client, poller],
  );

  const confirm = useCallback(
    (d: Omit<Extract<Dialog, { kind: 'confirm' }>, 'kind'>) => setDialog({ kind: 'confirm', ...d }),
    [],
  );

  const targetLines = useCallback(
    (names: string[], hidden: number): string[] => {
      const snapshot = poller.state.snapshot;
      const lines = names.slice(0, 10).map((n) => {
        const row = snapshot?.byName.get(n);
        return `  ${n}  ${row ? `${row.state}${row.tasksFailed ? `, ${row.tasksFailed} failed task(s)` : ''}` : '(gone)'}`;
      });
      if (names.length > 10) lines.push(`  +${names.length - 10} more`);
      if (hidden > 0)
        lines.push(`⚠ ${hidden} marked connector(s) are hidden by the current filter and included.`);
      return lines;
    },
    [poller],
  );

  const request = useCallback(
    (kind: ActionKind, targets: string[], options: RequestOptions) => {
      if (kind === 'restartFailed') {
        if (!gate('restart')) return;
        const snapshot = poller.state.snapshot;
        const failing =
          snapshot?.rows.filter((r) => r.state === 'FAILED' || r.tasksFailed > 0).map((r) => r.name) ?? [];
        if (failing.length === 0) {
          notice('ok', 'nothing has failed — nothing to restart');
          return;
        }
        confirm({
          title: `Restart ${failing.length} failed connector(s) with their failed tasks on ${context.name}?`,
          lines: [
            ...targetLines(failing, 0),
            'Each: POST /connectors/{name}/restart?includeTasks=true&onlyFailed=true',
          ],
          confirmLabel: 'Restart failed',
          onConfirm: () =>
            void execute(VERB.restart, failing, (n) => restartWith(n, 'failed')).then(({ ok }) =>
              follow(
                ok,
                (s, n) => (s.byName.get(n)?.tasksFailed ?? 0) === 0 && s.byName.get(n)?.state !== 'FAILED',
              ),
            ),
        });
        return;
      }
      const verb = VERB[kind];
      if (targets.length === 0) {
        notice('warn', 'no connector selected');
        return;
      }
      if (!gate(kind, verb.feature)) return;
      const hidden = options.hiddenMarked ?? 0;
      const subject = targets.length === 1 ? `"${targets[0]}"` : `${targets.length} connectors`;
      if (kind === 'restart') {
        const native = client.knownCapabilities?.supports('restart-tasks') ?? true;
        const perTask = native ? '' : ' — one request per task (Connect < 3.0)';
        setDialog({
          kind: 'choice',
          title: `Restart ${subject} on ${context.name}`,
          lines: targets.length > 1 ? targetLines(targets, hidden) : [],
          options: [
            { value: 'connector', label: 'connector only' },
            { value: 'all', label: `connector and all tasks${perTask}` },
            { value: 'failed', label: `failed tasks only (and the connector if it failed)${perTask}` },
          ],
          onChoose: (value) => {
            const mode = value as RestartMode;
            void execute(verb, targets, (n) => restartWith(n, mode)).then(({ ok }) =>
              follow(ok, (s, n) => {
                const row = s.byName.get(n);
                return (
                  !row || (row.state !== 'RESTARTING' && !row.tasks.some((t) => t.state === 'RESTARTING'))
                );
              }),
            );
          },
        });
        return;
      }
      const run = (n: string) =>
        kind === 'pause'
          ? client.pauseConnector(n)
          : kind === 'resume'
            ? client.resumeConnector(n)
            : client.stopConnector(n);
      const go = () =>
        kind === 'delete'
          ? void deleteAndUndo.deleteTargets(targets)
          : void execute(verb, targets, run).then(({ ok }) =>
              follow(ok, (s, n) => {
                const row = s.byName.get(n);
                return !row || row.state === verb.target;
              }),
            );
      const dangerous = kind === 'delete' || kind === 'stop';
      if (!dangerous && targets.length === 1) {
        go();
        return;
      }
      confirm({
        title: `${capitalise(kind)} ${subject} on ${context.name}?`,
        lines: [
          ...targetLines(targets, hidden),
          ...(kind === 'delete'
            ? [
                `Each config is saved to ${tildePath(services.backups.root)} first; u (or kcx undo) re-creates them.`,
              ]
            : []),
        ],
        confirmLabel: capitalise(kind),
        danger: dangerous,
        ...(kind === 'delete' && targets.length > 1 && context.production
          ? { typeToConfirm: context.name }
          : {}),
        onConfirm: go,
      });
    },
    [
      client,
      confirm,
      context,
      deleteAndUndo,
      execute,
      follow,
      gate,
      notice,
      poller,
      restartWith,
      services,
      targetLines,
    ],
  );

  const restartTask = useCallback(
    (name: string, task: number) => {
      if (!gate('restart')) return;
      void execute(
        {
          base: `restart task ${task} of`,
          ing: `restarting task ${task} of`,
          ed: `restarted task ${task} of`,
        },
        [name],
        (n) => client.restartTask(n, task),
      ).then(({ ok }) =>
        follow(ok, (s, n) => {
          const state = s.byName.get(n)?.tasks.find((t) => t.id === task)?.state;
          return state !== undefined && state !== 'RESTARTING';
        }),
      );
    },
    [client, execute, follow, gate],
  );

  const resetTopics = useCallback(
    (name: string) => {
      if (!gate('topics reset', 'topics-reset')) return;
      confirm({
        title: `Reset the active topics of "${name}" on ${context.name}?`,
        lines: [
          'PUT /connectors/{name}/topics/reset — the set is rebuilt as the connector uses topics again.',
        ],
        confirmLabel: 'Reset topics',
        danger: true,
        onConfirm: () =>
          void execute(
            { base: 'reset the topics of', ing: 'resetting topics of', ed: 'reset topics of' },
            [name],
            (n) => client.resetConnectorTopics(n),
          ),
      });
    },
    [client, confirm, context.name, execute, gate],
  );

  const perform = useCallback(
    async (verb: Verb, target: string, run: () => Promise<unknown>) =>
      (await execute(verb, [target], () => run())).ok.length === 1,
    [execute],
  );

  const value = useMemo<Actions>(
    () => ({
      request,
      restartTask,
      resetTopics,
      undo: () => {
        if (gate('undo')) void deleteAndUndo.undoLast();
      },
      allowed: gate,
      perform,
      openDialog: setDialog,
      dialog,
      closeDialog: () => setDialog(undefined),
    }),
    [request, restartTask, resetTopics, gate, perform, dialog, deleteAndUndo],
  );
  return <ActionsContext.Provider value={value}>{children}</ActionsContext.Provider>;
}

export function useActions(): Actions {
  const actions = useContext(ActionsContext);
  if (!actions) throw new Error('useActions outside ActionsProvider');
  return actions;
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export type { BulkOutcome };
