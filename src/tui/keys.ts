// Turns Ink's (input, key) pairs into one event per key. Fast typing over SSH arrives as one
// chunk ("jjj", "abc\r"), and Ink hands such a chunk over whole: every character must count.
import type { Key } from 'ink';

export interface KeyEvent {
  /** Canonical name: a printable character ("j", "G", "/"), or "enter", "escape", "up", "ctrl+d", … */
  name: string;
  /** The printable text of the key, for text inputs ('' for non-printable keys). */
  text: string;
}

const SPECIAL: [keyof Key, string][] = [
  ['upArrow', 'up'],
  ['downArrow', 'down'],
  ['leftArrow', 'left'],
  ['rightArrow', 'right'],
  ['pageUp', 'pageup'],
  ['pageDown', 'pagedown'],
  ['home', 'home'],
  ['end', 'end'],
  ['return', 'enter'],
  ['escape', 'escape'],
  ['tab', 'tab'],
  ['backspace', 'backspace'],
  ['delete', 'delete'],
];

export function normalizeKeys(input: string, key: Key): KeyEvent[] {
  for (const [flag, name] of SPECIAL) {
    if (key[flag]) {
      if (name === 'tab' && key.shift) return [{ name: 'shift+tab', text: '' }];
      return [
        { name: key.ctrl ? `ctrl+${name}` : key.meta && name !== 'escape' ? `meta+${name}` : name, text: '' },
      ];
    }
  }
  if (key.ctrl && input.length === 1) return [{ name: `ctrl+${input.toLowerCase()}`, text: '' }];
  if (key.meta && input.length === 1) return [{ name: `meta+${input}`, text: '' }];
  return [...input].map(charEvent);
}

function charEvent(ch: string): KeyEvent {
  if (ch === '\r' || ch === '\n') return { name: 'enter', text: '' };
  if (ch === '\t') return { name: 'tab', text: '' };
  if (ch === ' ') return { name: 'space', text: ' ' };
  if (ch === '\u007f' || ch === '\b') return { name: 'backspace', text: '' };
  if (ch === '\u001b') return { name: 'escape', text: '' };
  const code = ch.codePointAt(0) ?? 0;
  if (code > 0 && code < 27) return { name: `ctrl+${String.fromCharCode(code + 96)}`, text: '' };
  return { name: ch, text: ch };
}

/** How a binding is shown in the footer and the help view. */
export function formatKey(name: string): string {
  const map: Record<string, string> = {
    enter: 'Enter',
    escape: 'Esc',
    space: 'Space',
    up: '↑',
    down: '↓',
    pageup: 'PgUp',
    pagedown: 'PgDn',
    home: 'Home',
    end: 'End',
    tab: 'Tab',
  };
  if (map[name]) return map[name];
  if (name.startsWith('ctrl+')) return `Ctrl-${name.slice(5).toUpperCase()}`;
  return name;
}
