// kcx's Output (scripts/ink-output.js) replaces Ink's in the build; it must paint the same cells.
// Frames of random writes (styled, wide and invisible characters, overlaps, clips, newlines,
// transformers) go through both, and every line of both outputs is compared cell by cell.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { styledCharsFromTokens, tokenize } from '@alcalzone/ansi-tokenize';
import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../src/emulator/seed.js';

// Ink's own file (its package exports do not list it).
const INK_OUTPUT = fileURLToPath(new URL('../../node_modules/ink/build/output.js', import.meta.url));
const { default: InkOutput } = (await import(INK_OUTPUT)) as { default: OutputClass };
type OutputClass = new (o: { width: number; height: number }) => OutputLike;
const { default: KcxOutput } = (await import('../../scripts/ink-output.js' as string)) as {
  default: OutputClass;
};
const { inkOutput, INK_OUTPUT_SHA256 } = (await import('../../scripts/ink-output-plugin.mjs' as string)) as {
  inkOutput: { setup(build: unknown): void };
  INK_OUTPUT_SHA256: string;
};
const chalk = new Chalk({ level: 3 });
const STYLES = [
  (s: string) => s,
  (s: string) => chalk.red(s),
  (s: string) => chalk.bold.yellowBright(s),
  (s: string) => chalk.inverse(s),
  (s: string) => chalk.gray.underline(s),
  (s: string) => chalk.bgBlue.white(s),
  (s: string) => chalk.hex('#ff8800')(s),
  // Raw codes, as a connector's trace or name might carry: only ever inside a write's text.
  (s: string) => `\u001b[1;31m${s}\u001b[0m`,
  (s: string) => `\u001b[m${s}\u001b[4:3m`,
];
const CHALK_STYLES = 7;
const PIECES = [
  'orders',
  ' ',
  'sink-',
  'a\tb',
  '\u001b]8;;http://x\u0007link\u001b]8;;\u0007',
  '주문',
  '싱크',
  '🚀',
  'é',
  '\u00ad',
  '\u200b',
  'x',
  '│',
  'RUNNING',
];

type Op =
  | { type: 'write'; x: number; y: number; text: string; transformers: ((s: string, i: number) => string)[] }
  | { type: 'clip'; clip: { x1?: number; x2?: number; y1?: number; y2?: number } }
  | { type: 'unclip' };

function randomFrame(rng: () => number, width: number, height: number): Op[] {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
  const ops: Op[] = [];
  let clips = 0;
  for (let n = 0; n < 25; n++) {
    const roll = rng();
    if (roll < 0.08) {
      const x1 = Math.floor(rng() * width);
      const y1 = Math.floor(rng() * height);
      ops.push({
        type: 'clip',
        clip:
          rng() < 0.5
            ? { y1, y2: y1 + Math.floor(rng() * height) }
            : { x1, x2: x1 + Math.floor(rng() * width), y1, y2: y1 + Math.floor(rng() * height) },
      });
      clips++;
    } else if (roll < 0.12 && clips > 0) {
      ops.push({ type: 'unclip' });
      clips--;
    } else {
      let text = '';
      for (let p = Math.floor(rng() * 6) + 1; p > 0; p--) text += pick(STYLES)(pick(PIECES));
      if (rng() < 0.2) text += `\n${pick(STYLES)(pick(PIECES))}${pick(PIECES)}`;
      // Transformers are <Text>'s styles, which chalk applies (it re-opens a style after a nested end).
      const style = pick(STYLES.slice(0, CHALK_STYLES));
      const transformers = rng() < 0.4 ? [(s: string) => style(s)] : [];
      ops.push({
        type: 'write',
        x: Math.floor(rng() * (width + 4)) - 2,
        y: Math.floor(rng() * (height + 2)) - 1,
        text,
        transformers,
      });
    }
  }
  return ops;
}

interface OutputLike {
  write(x: number, y: number, text: string, options: { transformers: unknown[] }): void;
  clip(clip: unknown): void;
  unclip(): void;
  get(): { output: string; height: number };
}

function paint(Output: OutputClass, ops: Op[], w: number, h: number) {
  const out = new Output({ width: w, height: h });
  for (const op of ops) {
    if (op.type === 'write') out.write(op.x, op.y, op.text, { transformers: op.transformers });
    else if (op.type === 'clip') out.clip(op.clip);
    else out.unclip();
  }
  return out.get();
}

/** Each line as its cells: the character and the SGR codes in effect. */
function cells(output: string) {
  return output
    .split('\n')
    .map((line) =>
      styledCharsFromTokens(tokenize(line)).map((c) => [c.value, c.styles.map((s) => s.code).sort()]),
    );
}

describe("kcx's Ink Output", () => {
  it('paints the same cells as Ink’s for random frames, painted once and again (its row cache)', () => {
    const rng = mulberry32(2026);
    for (let frame = 0; frame < 400; frame++) {
      const width = 10 + Math.floor(rng() * 30);
      const height = 3 + Math.floor(rng() * 8);
      const seed = Math.floor(rng() * 1e9);
      const ink = paint(InkOutput, randomFrame(mulberry32(seed), width, height), width, height);
      for (let pass = 0; pass < 2; pass++) {
        const kcx = paint(KcxOutput, randomFrame(mulberry32(seed), width, height), width, height);
        expect(kcx.height).toBe(ink.height);
        expect(cells(kcx.output), `frame ${frame}, pass ${pass}`).toEqual(cells(ink.output));
      }
    }
  });

  it('the build refuses an Ink whose output.js is not the one it was made from', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kcx-ink-'));
    try {
      const file = join(dir, 'ink', 'build', 'output.js');
      await mkdir(join(dir, 'ink', 'build'), { recursive: true });
      await writeFile(file, 'export default class Output {}\n');
      let onLoad: ((args: { path: string }) => Promise<unknown>) | undefined;
      inkOutput.setup({ onLoad: (_filter: unknown, fn: typeof onLoad) => (onLoad = fn) } as never);
      await expect(onLoad!({ path: file })).rejects.toThrow(
        /not the file scripts\/ink-output.js was made from/,
      );
      const real = await onLoad!({ path: INK_OUTPUT }).catch((e) => e);
      expect(INK_OUTPUT_SHA256).toMatch(/^[0-9a-f]{64}$/);
      expect(real).toMatchObject({ loader: 'js' });
      expect((real as { contents: string }).contents).toContain('collectWriteOperation');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
