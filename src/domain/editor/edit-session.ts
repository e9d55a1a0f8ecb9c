// The validate → diff → apply loop of the editor as a pure state machine. The view makes the calls and
// reports their results as events; this decides what may happen next:
//
//   editing ──validate──▶ validating ──validated(ok)──▶ valid ──apply──▶ applying ──applied──▶ applied
//      ▲                      │                           │                  │
//      │                      └──validated(not ok)──▶ invalid ─apply-anyway─┘ └─apply-failed─▶ failed
//      └──── text-changed / escape from validating, valid, invalid, failed, applied ────────────┘
//
// An invalid config is only sent by an explicit `apply-anyway`, and only when there is something to
// send (Connect said no, or could not be asked) — never for a text that is not a config, or that still
// holds a mask standing for no secret. Esc with unsaved changes asks before discarding.
import type { Change, Problem, SessionTarget, ValidationOutcome } from './edit-checks.js';

export type Phase =
  /** `stale`: the problem the last validation found, still worth showing (dimmed) while fixing it. */
  | { name: 'editing'; stale?: Problem }
  | { name: 'validating'; seq: number; text: string }
  /** `change` is what "apply anyway" would send, when anything can be. */
  | { name: 'invalid'; text: string; problem: Problem; change?: Change }
  | { name: 'valid'; text: string; change: Change }
  | { name: 'applying'; text: string; change: Change; anyway: boolean }
  | { name: 'applied'; text: string; change: Change }
  | { name: 'failed'; text: string; change: Change; message: string }
  /** Esc with unsaved changes: the view asks, with "keep editing" as the default. */
  | { name: 'confirm-discard' }
  | { name: 'closed'; discarded: boolean };

export interface EditSession {
  readonly target: SessionTarget;
  /** The text as loaded, or as last applied: what "unsaved changes" compares against. */
  readonly baseline: string;
  readonly text: string;
  readonly phase: Phase;
  /** Numbers validations, so the answer to an abandoned one is recognised and dropped. */
  readonly seq: number;
}

export type SessionEvent =
  /** The buffer's text changed (typing, paste, undo, back from $EDITOR). */
  | { type: 'text-changed'; text: string }
  /** Ctrl-S. The view then checks and validates `phase.text`, and reports with `seq`. */
  | { type: 'validate' }
  | { type: 'validated'; seq: number; outcome: ValidationOutcome }
  /** Confirmed from `valid`. */
  | { type: 'apply' }
  /** The explicit override from `invalid`. */
  | { type: 'apply-anyway' }
  | { type: 'applied' }
  | { type: 'apply-failed'; message: string }
  | { type: 'escape' }
  /** The answer to `confirm-discard`. */
  | { type: 'discard' }
  | { type: 'keep-editing' };

export function createEditSession(target: SessionTarget, text: string): EditSession {
  return { target, baseline: text, text, phase: { name: 'editing' }, seq: 0 };
}

export function isDirty(session: EditSession): boolean {
  return session.text !== session.baseline;
}

/** There is a valid change to confirm (an unchanged config has nothing to apply). */
export function canApply(session: EditSession): boolean {
  return session.phase.name === 'valid' && session.phase.change.plan.method !== 'none';
}

/** The override is on offer: Connect rejected the config or could not be asked, and it can be sent. */
export function canApplyAnyway(session: EditSession): boolean {
  const { phase } = session;
  return (
    phase.name === 'invalid' &&
    (phase.problem.kind === 'connect' || phase.problem.kind === 'unreachable') &&
    phase.change !== undefined &&
    phase.change.plan.method !== 'none'
  );
}

export function editSessionReducer(session: EditSession, event: SessionEvent): EditSession {
  const { phase } = session;
  switch (event.type) {
    case 'text-changed': {
      if (event.text === session.text) return session;
      // While applying the request is already out; the text moves on and stays dirty afterwards.
      if (phase.name === 'applying' || phase.name === 'closed') return { ...session, text: event.text };
      return { ...session, text: event.text, phase: { name: 'editing', stale: staleProblem(phase) } };
    }
    case 'validate': {
      if (phase.name === 'validating' || phase.name === 'applying' || phase.name === 'closed') return session;
      if (phase.name === 'confirm-discard') return session;
      const seq = session.seq + 1;
      return { ...session, seq, phase: { name: 'validating', seq, text: session.text } };
    }
    case 'validated': {
      if (phase.name !== 'validating' || event.seq !== phase.seq) return session;
      const { outcome } = event;
      if (outcome.ok)
        return { ...session, phase: { name: 'valid', text: phase.text, change: outcome.change } };
      const { problem, change } = outcome;
      return {
        ...session,
        phase: { name: 'invalid', text: phase.text, problem, ...(change ? { change } : {}) },
      };
    }
    case 'apply':
      if (!canApply(session) || phase.name !== 'valid') return session;
      return {
        ...session,
        phase: { name: 'applying', text: phase.text, change: phase.change, anyway: false },
      };
    case 'apply-anyway':
      if (!canApplyAnyway(session) || phase.name !== 'invalid' || !phase.change) return session;
      return {
        ...session,
        phase: { name: 'applying', text: phase.text, change: phase.change, anyway: true },
      };
    case 'applied':
      if (phase.name !== 'applying') return session;
      return {
        ...session,
        baseline: phase.text,
        phase: { name: 'applied', text: phase.text, change: phase.change },
      };
    case 'apply-failed':
      if (phase.name !== 'applying') return session;
      return {
        ...session,
        phase: { name: 'failed', text: phase.text, change: phase.change, message: event.message },
      };
    case 'escape':
      return backOut(session);
    case 'discard':
      return phase.name === 'confirm-discard'
        ? { ...session, phase: { name: 'closed', discarded: true } }
        : session;
    case 'keep-editing':
      return phase.name === 'confirm-discard' ? { ...session, phase: { name: 'editing' } } : session;
  }
}

/**
 * Esc backs out one level: the question → editing; validating (abandoned), a diff, errors or a failure
 * → editing; editing (or an applied result) → closed, after asking when there are unsaved changes. An
 * apply in flight cannot be called back, so Esc waits for it.
 */
function backOut(session: EditSession): EditSession {
  const { phase } = session;
  switch (phase.name) {
    case 'applying':
    case 'closed':
      return session;
    case 'confirm-discard':
      return { ...session, phase: { name: 'editing' } };
    case 'validating':
    case 'valid':
    case 'failed':
      return { ...session, phase: { name: 'editing' } };
    case 'invalid':
      return { ...session, phase: { name: 'editing', stale: phase.problem } };
    case 'editing':
    case 'applied':
      return isDirty(session)
        ? { ...session, phase: { name: 'confirm-discard' } }
        : { ...session, phase: { name: 'closed', discarded: false } };
  }
}

function staleProblem(phase: Phase): Problem | undefined {
  if (phase.name === 'invalid') return phase.problem;
  if (phase.name === 'editing') return phase.stale;
  return undefined;
}
