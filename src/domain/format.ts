// Short, stable texts for the header: the age of the data and whether it is live.
import type { PollerState } from './poller.js';

/**
 * An instant (ISO text or epoch milliseconds) as the operator's local time, `2026-03-12 10:15:02`
 * (the Swedish locale writes ISO-like dates); as given if it is not a date.
 */
export function localTime(instant: string | number): string {
  const at = new Date(instant);
  return Number.isNaN(at.getTime()) ? String(instant) : at.toLocaleString('sv-SE');
}

/** `41s`, `3m05s`, `2h07m`, `3d04h`: at most two units, fixed width within a unit. */
export function formatAge(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${pad(s % 60)}s`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h}h${pad(m % 60)}m`;
  return `${Math.floor(h / 24)}d${pad(h % 24)}h`;
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

export interface DataAgeOptions {
  /**
   * When given, live data is labelled with the refresh cadence (`↻ 2s`) instead of its age. The age
   * resets on every poll, so showing it would rewrite the header on every refresh even when nothing
   * changed; the cadence is constant, and the age is still shown as soon as the data goes stale.
   */
  intervalMs?: number;
}

export type DataAgeTone = 'normal' | 'warning';

/** `↻ 2s` while polls succeed; `stale 41s · reconnecting` (tone 'warning') once they fail. */
export function dataAge(
  state: Pick<PollerState, 'stale' | 'lastSuccessAt' | 'lastAttemptAt'>,
  now: number,
  options: DataAgeOptions = {},
): { text: string; tone: DataAgeTone } {
  if (state.stale) {
    if (state.lastSuccessAt === undefined) return { text: 'no data · reconnecting', tone: 'warning' };
    return { text: `stale ${formatAge(now - state.lastSuccessAt)} · reconnecting`, tone: 'warning' };
  }
  if (state.lastSuccessAt === undefined) return { text: 'connecting…', tone: 'normal' };
  if (options.intervalMs !== undefined && options.intervalMs < 1000)
    return { text: `↻ ${Math.round(options.intervalMs)}ms`, tone: 'normal' };
  const shown = options.intervalMs ?? now - state.lastSuccessAt;
  return { text: `↻ ${formatAge(shown)}`, tone: 'normal' };
}

export function dataAgeLabel(
  state: Pick<PollerState, 'stale' | 'lastSuccessAt' | 'lastAttemptAt'>,
  now: number,
  options: DataAgeOptions = {},
): string {
  return dataAge(state, now, options).text;
}
