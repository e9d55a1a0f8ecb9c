// esbuild plugin for the single-executable build: a SEA runs one CommonJS script, and CommonJS has no
// top-level await. Two dependencies use it; each is rewritten here into a synchronous equivalent.
// Every rewrite checks that the text it replaces is still there, so a dependency update that changes
// it fails the build instead of shipping a binary that breaks at run time.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

function mustReplace(file, text, from, to) {
  if (!text.includes(from)) {
    throw new Error(`sea-compat: ${file} no longer contains ${JSON.stringify(from)}; update the plugin`);
  }
  return text.replaceAll(from, to);
}

// yoga-layout's entry awaits the emscripten loader, which instantiates its wasm asynchronously. Node
// compiles and instantiates wasm synchronously too, and the loader takes an `instantiateWasm` hook:
// handing it a ready instance finishes the initialisation before loadYoga() returns, so Ink gets the
// same Yoga object without an await. Ink is only imported by the TUI path, so `kcx get` never pays
// for this (about 4 ms).
function yogaSyncEntry(indexPath) {
  const binaryPath = join(dirname(indexPath), '../binaries/yoga-wasm-base64-esm.js');
  const binary = readFileSync(binaryPath, 'utf8');
  const base64 = /data:application\/octet-stream;base64,([A-Za-z0-9+/=]+)/.exec(binary)?.[1];
  if (base64 === undefined) throw new Error(`sea-compat: no embedded wasm found in ${binaryPath}`);
  const index = readFileSync(indexPath, 'utf8');
  mustReplace(indexPath, index, 'wrapAssembly(await loadYoga())', '');
  return `
import loadYoga from '../binaries/yoga-wasm-base64-esm.js';
import wrapAssembly from './wrapAssembly.js';
export * from './generated/YGEnums.js';
const wasm = new WebAssembly.Module(Buffer.from(${JSON.stringify(base64)}, 'base64'));
const yogaModule = {
  instantiateWasm(imports, receiveInstance) {
    const instance = new WebAssembly.Instance(wasm, imports);
    receiveInstance(instance);
    return instance.exports;
  },
};
loadYoga(yogaModule).catch(() => {});
if (!yogaModule.calledRun) throw new Error('yoga-layout did not initialise synchronously');
export default wrapAssembly(yogaModule);
`;
}

// Ink connects to React DevTools when DEV=true, behind top-level awaits. react-devtools-core is not
// bundled, so in the binary that branch could only fail: remove it.
function inkWithoutDevtools(reconcilerPath) {
  const text = readFileSync(reconcilerPath, 'utf8');
  return mustReplace(reconcilerPath, text, "process.env['DEV'] === 'true'", 'false');
}

export const seaCompat = {
  name: 'sea-compat',
  setup(build) {
    build.onLoad({ filter: /[\\/]yoga-layout[\\/]dist[\\/]src[\\/]index\.js$/ }, (args) => ({
      contents: yogaSyncEntry(args.path),
      loader: 'js',
    }));
    build.onLoad({ filter: /[\\/]ink[\\/]build[\\/]reconciler\.js$/ }, (args) => ({
      contents: inkWithoutDevtools(args.path),
      loader: 'js',
    }));
  },
};
