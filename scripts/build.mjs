// Bundles the CLI into one file so start-up does not walk hundreds of modules.
import { build } from 'esbuild';

await build({
  entryPoints: { kcx: 'src/cli/main.ts', 'bench/refresh': 'bench/refresh.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'esm',
  splitting: true,
  sourcemap: 'linked',
  jsx: 'automatic',
  logLevel: 'warning',
  // Some CommonJS dependencies call require(); give the ESM bundle one.
  banner: { js: "import { createRequire as __kcxCreateRequire } from 'node:module'; const require = __kcxCreateRequire(import.meta.url);" },
  external: ['@lydell/node-pty'],
});
