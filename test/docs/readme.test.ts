// README checks that need no terminal: every key the console binds is documented, and the capture
// blocks the screen-capture test rewrites are read and written exactly.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KEYMAP } from '../../src/tui/keymap.js';
import { formatKey } from '../../src/tui/keys.js';
import { REPO_ROOT } from '../support/pty.js';
import { normaliseScreen, readCaptures, writeCaptures } from '../support/readme-captures.js';

const README = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');

/** From `## Keys` to the next `## ` heading. */
function keysSection(markdown: string): string {
  const start = markdown.indexOf('\n## Keys\n');
  const end = markdown.indexOf('\n## ', start + 1);
  if (start < 0) throw new Error('README.md has no "## Keys" section');
  return markdown.slice(start, end < 0 ? undefined : end);
}

describe('README keys', () => {
  it('names every key of src/tui/keymap.ts (single characters in backticks)', () => {
    const section = keysSection(README);
    const missing: string[] = [];
    for (const binding of KEYMAP) {
      for (const key of binding.keys) {
        const label = formatKey(key);
        // A one-character key must be quoted (`n`), or it would be found in any word.
        const shown = [...label].length === 1 && /[\w?:/]/.test(label) ? `\`${label}\`` : label;
        if (!section.includes(shown)) missing.push(`${shown} (${binding.command})`);
      }
    }
    expect(missing).toEqual([]);
  });
});

describe('README capture blocks', () => {
  const doc = [
    'Intro quoting `<!-- capture:NAME -->` in prose.',
    '<!-- capture:one -->',
    '```text',
    'old screen',
    '```',
    '<!-- /capture -->',
    'Between.',
    '<!-- capture:two -->',
    '```text',
    '```',
    '<!-- /capture -->',
    '',
  ].join('\n');

  it('reads each block by name, empty ones too, and ignores markers quoted in prose', () => {
    expect([...readCaptures(doc)]).toEqual([
      ['one', 'old screen'],
      ['two', ''],
    ]);
  });

  it('writes new screens into their blocks and leaves everything else as it was', () => {
    const written = writeCaptures(doc, new Map([['two', 'line 1\nline 2']]));
    expect(written).toBe(
      doc.replace('<!-- capture:two -->\n```text\n```', '<!-- capture:two -->\n```text\nline 1\nline 2\n```'),
    );
    expect(readCaptures(written).get('one')).toBe('old screen');
  });

  it('refuses a block without its fence or end marker, a name used twice, and a screen with no block', () => {
    expect(() => readCaptures('<!-- capture:x -->\nno fence\n<!-- /capture -->\n')).toThrow(
      'not followed by',
    );
    expect(() => readCaptures(`${doc}${doc}`)).toThrow('capture "one" appears twice');
    expect(() => writeCaptures(doc, new Map([['three', 'x']]))).toThrow('no block for three');
  });

  it('normalises a screen: replacements, trailing spaces, blank rows squeezed and trimmed', () => {
    const rows = ['', ' prod  http://127.0.0.1:41234 Connect 4.0.0   ', 'a', '', '', '', 'b', '', ''];
    expect(
      normaliseScreen(rows, {
        replace: [{ from: /http:\/\/127\.0\.0\.1:\d+/, as: 'http://localhost:8083' }],
      }),
    ).toBe(' prod  http://localhost:8083 Connect 4.0.0\na\n\nb');
  });
});
