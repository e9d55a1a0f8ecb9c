// esbuild options shared by the npm build (build.mjs) and the single-executable build (build-sea.mjs),
// so the two cannot drift apart in what they define or leave out.
import { readFileSync } from 'node:fs';
import { inkOutput } from './ink-output-plugin.mjs';

export const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

/** Everything but the module format and the output layout. */
export const common = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  jsx: 'automatic',
  logLevel: 'warning',
  // Ink loads react-devtools-core only under DEV=true; it is not a dependency of kcx.
  external: ['@lydell/node-pty', 'react-devtools-core'],
  // React's production build: its development checks cost about a third of the CPU per keystroke.
  define: { __KCX_VERSION__: JSON.stringify(version), 'process.env.NODE_ENV': '"production"' },
  plugins: [inkOutput],
  // V8 keeps every script's source for lazy compilation: minified, the console's resident memory is
  // a few MB smaller. Names are kept, and the npm build has source maps.
  minify: true,
  keepNames: true,
};

/** The npm build: ESM, which keeps import.meta.url and lets esbuild split out lazily loaded chunks. */
export const esm = {
  ...common,
  format: 'esm',
  sourcemap: 'linked',
  // Some CommonJS dependencies call require(); give the ESM bundle one.
  banner: {
    js: "import { createRequire as __kcxCreateRequire } from 'node:module'; const require = __kcxCreateRequire(import.meta.url);",
  },
};
