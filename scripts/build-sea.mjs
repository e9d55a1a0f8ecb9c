// `npm run build:sea`: dist-sea/kcx, one executable with Node 22 and kcx inside, for hosts with no
// Node toolchain (bastions). Node's single-executable support runs one CommonJS script whose
// require() only reaches the builtins, so everything is bundled into that one file: no chunks.
// `--out-dir DIR` builds elsewhere (the packaging test builds into a temporary directory).
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { inject } from 'postject';
import { common } from './esbuild-options.mjs';
import { seaCompat } from './sea-compat-plugin.mjs';

const SEA_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({ options: { 'out-dir': { type: 'string' } } });
const outDir = resolve(values['out-dir'] ?? join(root, 'dist-sea'));
const work = join(outDir, 'work');
const script = join(work, 'kcx.cjs');
const blob = join(work, 'kcx.blob');
const seaConfig = join(work, 'sea-config.json');
const executable = join(outDir, 'kcx');

// macOS and Windows need code-signing steps around the injection that nobody here can test; bastions
// run Linux. The binary is for the OS, CPU and C library of the machine that builds it.
if (process.platform !== 'linux')
  throw new Error(`build:sea is only set up for Linux, not ${process.platform}`);

// The blob is only readable by the very Node build that made it, and that build is what gets copied:
// the project's pinned Node 22, whichever node happens to run this script.
const node = realpathSync(join(root, 'node_modules/.bin/node'));
const nodeVersion = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
if (!nodeVersion.startsWith('v22.'))
  throw new Error(`build:sea needs Node 22, found ${nodeVersion} at ${node}`);

rmSync(outDir, { recursive: true, force: true });
mkdirSync(work, { recursive: true });

await build({
  ...common,
  absWorkingDir: root,
  format: 'cjs',
  entryPoints: ['src/cli/main.ts'],
  outfile: script,
  plugins: [...common.plugins, seaCompat],
  // Dependencies that locate files next to themselves see the executable's directory; kcx itself
  // reads nothing from there.
  banner: { js: "const __kcxImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  define: { ...common.define, 'import.meta.url': '__kcxImportMetaUrl' },
});

writeFileSync(
  seaConfig,
  JSON.stringify({ main: script, output: blob, disableExperimentalSEAWarning: true, useCodeCache: true }),
);
execFileSync(node, ['--experimental-sea-config', seaConfig], { stdio: ['ignore', 'ignore', 'inherit'] });

copyFileSync(node, executable);
chmodSync(executable, 0o755);
stripDebugSymbols(executable);
// postject's ELF writer warns "Can't find string offset for section name '.note.100'" on Node's
// binary; the result runs all the same (nodejs/postject#83), as the packaging test shows.
await inject(executable, 'NODE_SEA_BLOB', readFileSync(blob), { sentinelFuse: SEA_FUSE });
rmSync(work, { recursive: true, force: true });

const size = (statSync(executable).size / 2 ** 20).toFixed(0);
console.log(`${executable}: ${size} MiB, Node ${nodeVersion} for ${process.platform}-${process.arch}`);

/**
 * Node's Linux build carries about 18 MB of debug symbols that nobody on a bastion uses. binutils'
 * strip is not a dependency of the project: without it the binary is only bigger.
 */
function stripDebugSymbols(file) {
  try {
    execFileSync('strip', [file], { stdio: 'ignore' });
  } catch (err) {
    if (err.code !== 'ENOENT') throw err;
    console.warn('strip (binutils) not found: the binary keeps its debug symbols');
  }
}
