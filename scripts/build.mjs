// Bundles the CLI into one file so start-up does not walk hundreds of modules.
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

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
  banner: {
    js: "import { createRequire as __kcxCreateRequire } from 'node:module'; const require = __kcxCreateRequire(import.meta.url);",
  },
  // Ink loads react-devtools-core only under DEV=true; it is not a dependency of kcx.
  external: ['@lydell/node-pty', 'react-devtools-core'],
  define: { __KCX_VERSION__: JSON.stringify(version) },
});
