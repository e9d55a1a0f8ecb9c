// The snapshot worker's code, put here by the build (scripts/esbuild-options.mjs) as a string, so the
// worker starts from memory: the npm package, the single executable and `kcx demo` need no file for
// it. Run from source (the unit tests), there is none and polling stays in process.
declare const __KCX_SNAPSHOT_WORKER__: string | undefined;

export const SNAPSHOT_WORKER_CODE: string | undefined =
  typeof __KCX_SNAPSHOT_WORKER__ === 'string' ? __KCX_SNAPSHOT_WORKER__ : undefined;
