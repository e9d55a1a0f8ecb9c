// The edit session on screen: the text editor, Ctrl-S → local checks → the plugin's validate →
// errors beside their keys or the diff against the live config → apply (PUT, PATCH or POST), then
// follow the connector. Esc with unsaved changes asks; Ctrl-E round-trips through $EDITOR.
import { Box, Text, useApp } from 'ink';
import { type ReactNode, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { describeError } from '../../connect/errors.js';
import type { InitialState } from '../../connect/types.js';
import { createPlan, renderConfigDiff } from '../../domain/editor/config-diff.js';
import {
  type Change,
  checkLocally,
  localOutcome,
  maskOptionsWith,
  planChange,
  unreachableOutcome,
  validationOutcome,
} from '../../domain/editor/edit-checks.js';
import {
  canApply,
  canApplyAnyway,
  createEditSession,
  editSessionReducer,
  isDirty,
} from '../../domain/editor/edit-session.js';
import { checkConfigText, type KeyMessage } from '../../domain/editor/json-check.js';
import { mapValidation } from '../../domain/editor/validate-result.js';
import { useActions } from '../actions-context.js';
import { useUiDispatch } from '../app-state.js';
import { TextEditor } from '../components/TextEditor.js';
import { useKeys } from '../input-stack.js';
import { useServices } from '../services.js';
import { cellWidth } from '../../domain/text-fit.js';
import { useTheme } from '../theme-context.js';
import { sendPlan } from './apply-plan.js';
import type { LoadedEditor } from './EditorView.js';
import { editExternally } from './external-editor.js';
import { placeProblem } from './problem-messages.js';

const FOLLOW_MS = 15_000;
const NO_KEY_LINES: ReadonlyMap<string, number> = new Map();

export function EditorSession({
  loaded,
  width,
  height,
  external,
}: {
  loaded: LoadedEditor;
  width: number;
  height: number;
  external: boolean;
}): ReactNode {
  const theme = useTheme();
  const dispatchUi = useUiDispatch();
  const actions = useActions();
  const { client, poller, context } = useServices();
  const { suspendTerminal } = useApp();
  const { target, live, secrets } = loaded;
  const [session, send] = useReducer(editSessionReducer, undefined, () =>
    createEditSession(target, loaded.text),
  );
  const [replace, setReplace] = useState<{ text: string } | undefined>();
  const [jump, setJump] = useState<{ line: number; column: number } | undefined>();
  const [initialState, setInitialState] = useState<InitialState>('RUNNING');
  const [externalNote, setExternalNote] = useState<string | undefined>();
  const checked = useRef<{ keyLines: ReadonlyMap<string, number>; notes: KeyMessage[] }>({
    keyLines: new Map(),
    notes: [],
  });
  const validateWhenTextIs = useRef<string | undefined>(undefined);
  const { phase } = session;
  const say = (tone: 'ok' | 'warn' | 'error' | 'info', text: string) =>
    dispatchUi({ type: 'notice', notice: { tone, text } });

  // Ctrl-S: local checks, then the plugin's validate endpoint; the answer comes back numbered.
  useEffect(() => {
    if (phase.name !== 'validating') return;
    const { seq, text } = phase;
    void (async () => {
      const local = checkLocally(text, secrets, target);
      if (!local.ok) {
        checked.current = { keyLines: new Map(), notes: [] };
        if (local.problem.kind === 'text')
          setJump({ line: local.problem.error.line, column: local.problem.error.column });
        send({ type: 'validated', seq, outcome: localOutcome(local) });
        return;
      }
      checked.current = { keyLines: local.keyLines, notes: local.notes };
      const caps = client.knownCapabilities ?? (await client.capabilities().catch(() => undefined));
      const plan = (validation?: Parameters<typeof maskOptionsWith>[1]) =>
        planChange(local.config, {
          target,
          live,
          caps: caps ?? { supports: () => false, reason: () => 'the cluster version is unknown' },
          mask: maskOptionsWith(secrets.options, validation),
        });
      try {
        const infos = await client.validateConfig(local.pluginClass, local.config);
        const view = mapValidation(infos, local.keyLines.keys());
        send({ type: 'validated', seq, outcome: validationOutcome(view, plan(view)) });
      } catch (e) {
        send({ type: 'validated', seq, outcome: unreachableOutcome(describeError(e), plan()) });
      }
    })();
  }, [phase, secrets, target, live, client]);

  // Apply: send the plan, then follow the connector until the cluster reports its state.
  const applyChange = (change: Change) => {
    const caps = client.knownCapabilities;
    const plan =
      change.plan.method === 'POST' && caps
        ? createPlan(change.plan.body.config, caps, initialState)
        : change.plan;
    const name = target.kind === 'update' ? target.name : plan.method === 'POST' ? plan.body.name : '';
    void sendPlan(client, plan, name)
      .then(async (applied) => {
        send({ type: 'applied' });
        say('info', `${plan.method} ${applied} sent; waiting for its state…`);
        const deadline = Date.now() + FOLLOW_MS;
        while (Date.now() < deadline) {
          await poller.refreshNow();
          const row = poller.state.snapshot?.byName.get(applied);
          if (row && row.state !== 'UNASSIGNED') {
            say(
              row.state === 'FAILED' ? 'error' : 'ok',
              `${plan.method === 'POST' ? 'created' : 'updated'} "${applied}" on ${context.name}: ${row.state}`,
            );
            break;
          }
          await new Promise((r) => setTimeout(r, 300));
        }
        if (target.kind === 'update') dispatchUi({ type: 'pop' });
        else {
          dispatchUi({ type: 'home' });
          dispatchUi({ type: 'push', route: { view: 'connector', name: applied } });
        }
      })
      .catch((e: unknown) => send({ type: 'apply-failed', message: describeError(e) }));
  };

  // openDialog is stable; the actions object is not (it changes with every dialog), and depending on
  // it would reopen the question each time it is shown.
  const { openDialog } = actions;
  useEffect(() => {
    if (phase.name === 'confirm-discard') {
      openDialog({
        kind: 'confirm',
        title: 'Discard your changes?',
        lines: ['Nothing has been sent to the cluster.'],
        confirmLabel: 'Discard',
        onConfirm: () => send({ type: 'discard' }),
        onCancel: () => send({ type: 'keep-editing' }),
      });
    } else if (phase.name === 'closed') dispatchUi({ type: 'pop' });
  }, [phase.name, openDialog, dispatchUi]);

  const runExternal = (text: string) => {
    void suspendTerminal(async () => {
      const result = editExternally(text, `${target.kind === 'update' ? target.name : 'new-connector'}.json`);
      if (result.kind === 'changed') {
        validateWhenTextIs.current = result.text;
        setReplace({ text: result.text });
        setExternalNote(undefined);
      } else
        setExternalNote(result.kind === 'unchanged' ? 'the editor left the text unchanged' : result.message);
    });
  };
  const startedExternal = useRef(false);
  useEffect(() => {
    if (external && !startedExternal.current) {
      startedExternal.current = true;
      runExternal(loaded.text);
    }
  });

  // The diff pane's keys; the editor (hidden meanwhile) takes none.
  useKeys((key) => {
    if (phase.name !== 'valid') return false;
    if (key.name === 'enter') {
      if (canApply(session)) {
        send({ type: 'apply' });
        applyChange(phase.change);
      }
    } else if (key.name === 'escape' || key.name === 'q') send({ type: 'escape' });
    else if (target.kind === 'create' && (key.name === 'p' || key.name === 's' || key.name === 'r')) {
      const state: InitialState = key.name === 'p' ? 'PAUSED' : key.name === 's' ? 'STOPPED' : 'RUNNING';
      const caps = client.knownCapabilities;
      if (state !== 'RUNNING' && caps && !caps.supports('initial-state'))
        say('warn', caps.reason('initial-state') ?? 'initial_state needs Kafka Connect 3.7');
      else setInitialState(state);
    }
    return true;
  }, phase.name === 'valid');

  const problem =
    phase.name === 'invalid' ? phase.problem : phase.name === 'editing' ? phase.stale : undefined;
  // A problem from an earlier validation stays visible while editing, placed on the keys' lines in the
  // text as it is now (lines move as the user edits); line-only problems then show above the text.
  const stale = phase.name === 'editing' && phase.stale !== undefined;
  // Parsed only while such a problem is shown: typing in a clean editor does not re-parse the text.
  const currentKeyLines = useMemo(() => {
    const check = stale ? checkConfigText(session.text) : undefined;
    return check?.kind === 'config' ? check.keyLines : NO_KEY_LINES;
  }, [session.text, stale]);
  const placed = placeProblem(
    problem,
    phase.name === 'editing' ? currentKeyLines : checked.current.keyLines,
    phase.name === 'editing' ? [] : checked.current.notes,
    { keyedOnly: phase.name === 'editing' },
  );
  const status = statusLine(session, placed.count, externalNote);
  // An apply that failed (Connect's flat 400 list, a 409 after retries, a vanished connector) is
  // shown whole above the text, which stays as the user left it.
  const failure = phase.name === 'failed' ? phase.message.split(/\n|; (?=[\w.]+:)/).map((l) => l.trim()) : [];
  const above = [...failure, ...placed.above].slice(0, 4);
  // Problems wrap (a worker's message comes after the URL in an error), two rows each at most.
  const aboveRows = above.map((line) => Math.min(2, Math.ceil(cellWidth(`• ${line}`) / Math.max(1, width))));
  const editorHeight = Math.max(3, height - 2 - aboveRows.reduce((n, r) => n + r, 0));
  const showDiff = phase.name === 'valid' || phase.name === 'applying' || phase.name === 'applied';

  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        <Text bold>{loaded.title}</Text>
        <Text color={theme.muted}>
          {showDiff
            ? '  Enter apply · Esc back to editing'
            : `  Ctrl-S validate · Ctrl-E $EDITOR · Esc ${isDirty(session) ? 'discard' : 'back'} · Ctrl-Z undo`}
        </Text>
      </Text>
      <Text color={status.tone ? theme[status.tone] : theme.muted} wrap="truncate-end">
        {status.text}
      </Text>
      {!showDiff
        ? above.map((line, i) => (
            <Box key={i} height={aboveRows[i]} overflow="hidden">
              <Text color={phase.name === 'editing' ? theme.muted : theme.error} wrap="wrap">
                {`• ${line}`}
              </Text>
            </Box>
          ))
        : null}
      {phase.name === 'valid' || phase.name === 'applying' || phase.name === 'applied' ? (
        <DiffPane
          lines={renderConfigDiff(phase.change.diff)}
          reason={
            phase.change.plan.method === 'POST'
              ? `POST /connectors${initialState === 'RUNNING' ? '' : ` (initial_state ${initialState})`} · p paused · s stopped · r running`
              : `${phase.change.plan.method}: ${phase.change.plan.reason}`
          }
          height={height - 2}
        />
      ) : null}
      <Box display={showDiff ? 'none' : 'flex'}>
        <TextEditor
          initialText={loaded.text}
          width={width}
          height={editorHeight}
          active={!showDiff}
          messages={placed.beside}
          {...(jump ? { jump } : {})}
          {...(replace ? { replace } : {})}
          onChange={(text) => {
            send({ type: 'text-changed', text });
            if (validateWhenTextIs.current === text) {
              validateWhenTextIs.current = undefined;
              send({ type: 'validate' });
            }
          }}
          onCommand={(key, text) => {
            // The buffer's text as of this key: onChange runs after the commit, which may come later.
            if (key.name === 'ctrl+s' || key.name === 'escape') send({ type: 'text-changed', text });
            switch (key.name) {
              case 'ctrl+s':
                send({ type: 'validate' });
                return true;
              case 'escape':
                send({ type: 'escape' });
                return true;
              case 'ctrl+e':
                runExternal(text);
                return true;
              case 'ctrl+o':
                if (canApplyAnyway(session) && phase.name === 'invalid' && phase.change) {
                  send({ type: 'apply-anyway' });
                  applyChange(phase.change);
                }
                return true;
              default:
                return false;
            }
          }}
        />
      </Box>
    </Box>
  );
}

function DiffPane({ lines, reason, height }: { lines: string[]; reason: string; height: number }): ReactNode {
  const theme = useTheme();
  const shown = lines.slice(0, Math.max(1, height - 2));
  return (
    <Box flexDirection="column">
      <Text
        color={theme.muted}
        wrap="truncate-end"
      >{`Changes against the live config (secrets masked) — ${reason}`}</Text>
      {lines.length === 0 ? <Text color={theme.muted}>(no changes)</Text> : null}
      {shown.map((line, i) => (
        <Text
          key={i}
          wrap="truncate-end"
          color={line.startsWith('+') ? theme.ok : line.startsWith('-') ? theme.error : theme.warn}
        >
          {line}
        </Text>
      ))}
      {lines.length > shown.length ? (
        <Text color={theme.muted}>{`… and ${lines.length - shown.length} more`}</Text>
      ) : null}
    </Box>
  );
}

function statusLine(
  session: ReturnType<typeof createEditSession>,
  errors: number,
  externalNote: string | undefined,
): { text: string; tone?: 'ok' | 'warn' | 'error' | 'info' } {
  const { phase } = session;
  switch (phase.name) {
    case 'validating':
      return { text: 'validating with the plugin…', tone: 'info' };
    case 'invalid':
      return {
        text: `${errors} error${errors === 1 ? '' : 's'} — fix and Ctrl-S again${canApplyAnyway(session) ? ' · Ctrl-O applies anyway' : ''}`,
        tone: 'error',
      };
    case 'valid':
      return phase.change.plan.method === 'none'
        ? { text: `valid, and nothing to apply: ${phase.change.plan.reason}`, tone: 'ok' }
        : { text: 'valid — review the changes, Enter applies', tone: 'ok' };
    case 'applying':
      return { text: `applying${phase.anyway ? ' (anyway)' : ''}…`, tone: 'info' };
    case 'applied':
      return { text: 'applied; following the connector…', tone: 'ok' };
    case 'failed':
      return { text: `apply failed: ${phase.message}`, tone: 'error' };
    default:
      return externalNote
        ? { text: `$EDITOR: ${externalNote}`, tone: 'warn' }
        : {
            text: isDirty(session) ? 'modified' : 'unchanged',
            ...(isDirty(session) ? { tone: 'warn' as const } : {}),
          };
  }
}
