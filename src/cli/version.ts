// Replaced at build time by esbuild's `define`; falls back for tests run from source.
declare const __KCX_VERSION__: string | undefined;
export const VERSION: string = typeof __KCX_VERSION__ === 'string' ? __KCX_VERSION__ : '0.0.0-dev';
