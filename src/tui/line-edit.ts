// One-line text inputs (the `:` prompt, name prompts, filters): what a key does to the text, or
// undefined when the key is not an edit (Enter, Esc, Tab… are the caller's).
import type { KeyEvent } from './keys.js';

export function editLine(text: string, key: KeyEvent): string | undefined {
  if (key.name === 'backspace' || key.name === 'delete') return [...text].slice(0, -1).join('');
  if (key.name === 'ctrl+u') return '';
  if (key.text !== '') return text + key.text;
  return undefined;
}
