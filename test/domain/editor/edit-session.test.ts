import { describe, expect, it } from 'vitest';
import type { Change, Problem, ValidationOutcome } from '../../../src/domain/editor/edit-checks.js';
import {
  canApply,
  canApplyAnyway,
  createEditSession,
  type EditSession,
  editSessionReducer,
  isDirty,
  type SessionEvent,
} from '../../../src/domain/editor/edit-session.js';

const change: Change = {
  diff: {
    added: [],
    removed: [],
    changed: [{ key: 'tasks.max', kind: 'changed', before: '1', after: '2', masked: false }],
  },
  plan: { method: 'PATCH', body: { 'tasks.max': '2' }, reason: '1 key changes' },
};
const noChange: Change = {
  diff: { added: [], removed: [], changed: [] },
  plan: { method: 'none', reason: 'no changes' },
};
const connectProblem: Problem = {
  kind: 'connect',
  validation: {
    errorCount: 1,
    byKey: new Map([['tasks.max', ['bad']]]),
    unplaced: [],
    types: new Map(),
    passwordKeys: new Set(),
  },
};
const textProblem: Problem = {
  kind: 'text',
  error: { message: 'Unexpected end of JSON input', offset: 1, line: 1, column: 2 },
};

const run = (s: EditSession, ...events: SessionEvent[]) => events.reduce(editSessionReducer, s);
const start = () => createEditSession({ kind: 'update', name: 'orders' }, 'v1');
const validated = (s: EditSession, outcome: ValidationOutcome): SessionEvent => ({
  type: 'validated',
  seq: s.seq,
  outcome,
});

/** Edits to `text`, presses Ctrl-S and gets `outcome` back. */
function validateWith(s: EditSession, text: string, outcome: ValidationOutcome): EditSession {
  const validating = run(s, { type: 'text-changed', text }, { type: 'validate' });
  return run(validating, validated(validating, outcome));
}

describe('edit session', () => {
  it('starts editing, clean', () => {
    const s = start();
    expect(s.phase).toEqual({ name: 'editing' });
    expect(isDirty(s)).toBe(false);
  });

  it('is dirty when the text differs from the loaded one, and clean again when it is back', () => {
    const s = run(start(), { type: 'text-changed', text: 'v2' });
    expect(isDirty(s)).toBe(true);
    expect(isDirty(run(s, { type: 'text-changed', text: 'v1' }))).toBe(false);
  });

  it('validates the text as it was when Ctrl-S was pressed', () => {
    const s = run(start(), { type: 'text-changed', text: 'v2' }, { type: 'validate' });
    expect(s.phase).toEqual({ name: 'validating', seq: 1, text: 'v2' });
  });

  it('valid → apply → applied: the applied text becomes the clean baseline', () => {
    let s = validateWith(start(), 'v2', { ok: true, change });
    expect(s.phase).toMatchObject({ name: 'valid', text: 'v2', change });
    expect(canApply(s)).toBe(true);
    s = run(s, { type: 'apply' });
    expect(s.phase).toMatchObject({ name: 'applying', anyway: false });
    s = run(s, { type: 'applied' });
    expect(s.phase).toMatchObject({ name: 'applied', text: 'v2' });
    expect(isDirty(s)).toBe(false);
  });

  it('a failed apply keeps the text and says why; validating again is possible', () => {
    let s = run(
      validateWith(start(), 'v2', { ok: true, change }),
      { type: 'apply' },
      { type: 'apply-failed', message: '409' },
    );
    expect(s.phase).toMatchObject({ name: 'failed', message: '409', text: 'v2' });
    expect(isDirty(s)).toBe(true);
    s = run(s, { type: 'validate' });
    expect(s.phase.name).toBe('validating');
  });

  it('an unchanged config is valid but has nothing to apply', () => {
    const s = validateWith(start(), 'v1 reformatted', { ok: true, change: noChange });
    expect(canApply(s)).toBe(false);
    expect(run(s, { type: 'apply' })).toBe(s);
  });

  it('never applies an invalid config without the explicit override', () => {
    const s = validateWith(start(), 'v2', { ok: false, problem: connectProblem, change });
    expect(s.phase).toMatchObject({ name: 'invalid', problem: connectProblem });
    expect(run(s, { type: 'apply' })).toBe(s);
    expect(canApplyAnyway(s)).toBe(true);
    expect(run(s, { type: 'apply-anyway' }).phase).toMatchObject({ name: 'applying', anyway: true, change });
  });

  it('offers no override for a text that is not a config, or when there is nothing to send', () => {
    const broken = validateWith(start(), '{', { ok: false, problem: textProblem });
    expect(canApplyAnyway(broken)).toBe(false);
    expect(run(broken, { type: 'apply-anyway' })).toBe(broken);
    const unchanged = validateWith(start(), 'v1 ', { ok: false, problem: connectProblem, change: noChange });
    expect(canApplyAnyway(unchanged)).toBe(false);
    expect(run(unchanged, { type: 'apply-anyway' })).toBe(unchanged);
  });

  it('offers no override for a problem found before asking Connect, even with a change at hand', () => {
    const keysProblem: Problem = {
      kind: 'keys',
      errors: [{ key: 'x.password', line: 3, message: 'mask' }],
      unplaced: [],
    };
    const s = validateWith(start(), 'v2', { ok: false, problem: keysProblem, change });
    expect(canApplyAnyway(s)).toBe(false);
    expect(run(s, { type: 'apply-anyway' })).toBe(s);
  });

  it('offers the override when validate could not be asked', () => {
    const s = validateWith(start(), 'v2', {
      ok: false,
      problem: { kind: 'unreachable', message: 'timeout' },
      change,
    });
    expect(canApplyAnyway(s)).toBe(true);
  });

  it('apply-anyway from anywhere but invalid does nothing', () => {
    const valid = validateWith(start(), 'v2', { ok: true, change });
    expect(run(valid, { type: 'apply-anyway' })).toBe(valid);
    const editing = start();
    expect(run(editing, { type: 'apply-anyway' })).toBe(editing);
  });

  it('drops the answer to an abandoned validation', () => {
    let s = run(start(), { type: 'text-changed', text: 'v2' }, { type: 'validate' });
    const first = s.seq;
    s = run(s, { type: 'text-changed', text: 'v3' });
    expect(s.phase.name).toBe('editing');
    expect(run(s, { type: 'validated', seq: first, outcome: { ok: true, change } })).toBe(s);
    s = run(s, { type: 'validate' });
    const stale = run(s, { type: 'validated', seq: first, outcome: { ok: true, change } });
    expect(stale).toBe(s);
    expect(run(s, validated(s, { ok: true, change })).phase).toMatchObject({ name: 'valid', text: 'v3' });
  });

  it('keeps showing the last problem while the user fixes it', () => {
    const s = run(validateWith(start(), 'v2', { ok: false, problem: connectProblem, change }), {
      type: 'text-changed',
      text: 'v3',
    });
    expect(s.phase).toEqual({ name: 'editing', stale: connectProblem });
    expect(run(s, { type: 'text-changed', text: 'v4' }).phase).toEqual({
      name: 'editing',
      stale: connectProblem,
    });
  });

  it('an edit while applying does not disturb the apply, and stays dirty after it', () => {
    let s = run(validateWith(start(), 'v2', { ok: true, change }), { type: 'apply' });
    s = run(s, { type: 'text-changed', text: 'v3' });
    expect(s.phase.name).toBe('applying');
    s = run(s, { type: 'applied' });
    expect(s.baseline).toBe('v2');
    expect(isDirty(s)).toBe(true);
  });

  describe('Esc', () => {
    const esc: SessionEvent = { type: 'escape' };

    it('closes a clean editor', () => {
      expect(run(start(), esc).phase).toEqual({ name: 'closed', discarded: false });
    });

    it('asks before discarding unsaved changes; keep-editing (or Esc) goes back', () => {
      const asking = run(start(), { type: 'text-changed', text: 'v2' }, esc);
      expect(asking.phase).toEqual({ name: 'confirm-discard' });
      expect(run(asking, { type: 'keep-editing' }).phase).toEqual({ name: 'editing' });
      expect(run(asking, esc).phase).toEqual({ name: 'editing' });
      expect(run(asking, { type: 'discard' }).phase).toEqual({ name: 'closed', discarded: true });
    });

    it('discard does nothing unless asked', () => {
      const s = run(start(), { type: 'text-changed', text: 'v2' });
      expect(run(s, { type: 'discard' })).toBe(s);
    });

    it('backs out of a diff, errors or a pending validation to editing', () => {
      expect(run(validateWith(start(), 'v2', { ok: true, change }), esc).phase).toEqual({ name: 'editing' });
      const invalid = validateWith(start(), 'v2', { ok: false, problem: connectProblem, change });
      expect(run(invalid, esc).phase).toEqual({ name: 'editing', stale: connectProblem });
      const validating = run(start(), { type: 'validate' });
      const backed = run(validating, esc);
      expect(backed.phase).toEqual({ name: 'editing' });
      expect(run(backed, validated(validating, { ok: true, change }))).toBe(backed);
    });

    it('waits for an apply in flight', () => {
      const applying = run(validateWith(start(), 'v2', { ok: true, change }), { type: 'apply' });
      expect(run(applying, esc)).toBe(applying);
    });

    it('closes after a successful apply without asking', () => {
      const applied = run(
        validateWith(start(), 'v2', { ok: true, change }),
        { type: 'apply' },
        { type: 'applied' },
      );
      expect(run(applied, esc).phase).toEqual({ name: 'closed', discarded: false });
    });
  });
});
