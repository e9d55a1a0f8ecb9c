// Bundles the CLI into one file so start-up does not walk hundreds of modules.
import { readFileSync, rmSync } from 'node:fs';
import { build } from 'esbuild';
import { inkFrameCache } from './ink-frame-cache.mjs';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

const common = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'esm',
  sourcemap: 'linked',
  jsx: 'automatic',
  logLevel: 'warning',
  // Some CommonJS dependencies call require(); give the ESM bundle one.
  banner: {
    js: "import { createRequire as __kcxCreateRequire } from 'node:module'; const require = __kcxCreateRequire(import.meta.url);",
  },
  // Ink loads react-devtools-core only under DEV=true; it is not a dependency of kcx.
  external: ['@lydell/node-pty', 'react-devtools-core'],
  // React's production build: its development checks cost about a third of the CPU per keystroke.
  define: { __KCX_VERSION__: JSON.stringify(version), 'process.env.NODE_ENV': '"production"' },
  plugins: [inkFrameCache],
};

// Chunk names carry content hashes: without a clean start, old chunks pile up in dist/.
rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });

await build({ ...common, entryPoints: { kcx: 'src/cli/main.ts' }, outdir: 'dist', splitting: true });

// The benchmarks (`npm run bench`): self-contained files side by side in dist/bench/, no shared
// chunks, so each file's import.meta.url sits two levels below the repository (test/support/pty.ts
// finds bin/kcx.js from it) and the emulator worker is found next to the entry.
await build({
  ...common,
  entryPoints: { index: 'bench/index.ts', 'emulator-worker': 'bench/emulator-worker.ts' },
  outdir: 'dist/bench',
});
