// Bundles the CLI so start-up does not walk hundreds of modules. Split into chunks that each command
// imports when it runs: `kcx get` never loads the console's Ink and React (test/packaging checks).
import { rmSync } from 'node:fs';
import { build } from 'esbuild';
import { esm } from './esbuild-options.mjs';

// Chunk names carry content hashes: without a clean start, old chunks pile up in dist/.
rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });

await build({
  ...esm,
  entryPoints: { kcx: 'src/cli/main.ts' },
  outdir: 'dist',
  splitting: true,
});

// The benchmarks (`npm run bench`): self-contained files side by side in dist/bench/, no shared
// chunks, so each file's import.meta.url sits two levels below the repository (test/support/pty.ts
// finds bin/kcx.js from it) and the emulator worker is found next to the entry. Not in the npm package
// (package.json `files`): they need the repository's dev dependencies.
await build({
  ...esm,
  entryPoints: { index: 'bench/index.ts', 'emulator-worker': 'bench/emulator-worker.ts' },
  outdir: 'dist/bench',
});
