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

function Prompt({ onText }: { onText: (t: string) => void }) {
  const [text, setText] = useState('');
  useKeys((key) => {
    if (key.name === 'enter') onText(text);
    else setText((t) => t + key.text);
    return true;
  });
  return <Text>{`:${text}`}</Text>;
}

function Opener() {
  const [open, setOpen] = useState(false);
  const [ran, setRan] = useState('');
  useKeys((key) => {
    if (key.name === ':') setOpen(true);
    return true;
  });
  return open ? (
    <Prompt
      onText={(t) => {
        setRan(t);
        setOpen(false);
      }}
    />
  ) : (
    <Text>{`ran:${ran}`}</Text>
  );
}

describe('input stack and mounting handlers', () => {
  it('gives the rest of a fast chunk to a handler the first key mounted', async () => {
    const { stdin, lastFrame } = render(
      <InputProvider fallback={() => false}>
        <Opener />
      </InputProvider>,
    );
    await tick();
    stdin.write(':workers\r');
    await tick();
    await tick();
    expect(lastFrame()).toBe('ran:workers');
  });
});
