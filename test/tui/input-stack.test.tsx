import { Text } from 'ink';
import { render } from 'ink-testing-library';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { InputProvider, useKeys } from '../../src/tui/input-stack.js';

function Typing() {
  const [text, setText] = useState('');
  const [mode, setMode] = useState<'nav' | 'edit'>('nav');
  useKeys((key) => {
    if (mode === 'nav') {
      if (key.name === '/') setMode('edit');
      else setText((t) => `${t}[${key.name}]`);
      return true;
    }
    if (key.name === 'enter') setMode('nav');
    else setText(text + key.text);
    return true;
  });
  return <Text>{`${mode}:${text}`}</Text>;
}

const tick = () => new Promise((r) => setTimeout(r, 50));

describe('input stack', () => {
  it('gives every key of a fast chunk the state the previous key left', async () => {
    const { stdin, lastFrame } = render(
      <InputProvider fallback={() => false}>
        <Typing />
      </InputProvider>,
    );
    await tick();
    stdin.write('/abc\rj');
    await tick();
    expect(lastFrame()).toBe('nav:abc[j]');
  });
});
