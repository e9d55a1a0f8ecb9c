// An esbuild plugin for Ink's Output (ink/build/output.js): Ink builds a new Output per frame, and
// with it new caches, so every line of every frame is tokenised again (ANSI codes, graphemes,
// widths) — about 7 ms of a 120×40 frame. Lines repeat from frame to frame (the header, the footer,
// the rows a keystroke does not change), so one cache shared by all frames makes them nearly free.
// The cached values are never mutated by Ink (cells are replaced, not edited), so sharing is safe.
import { readFile } from 'node:fs/promises';

const TARGET = /[\\/]ink[\\/]build[\\/]output\.js$/;
const FRESH = 'caches = new OutputCaches();';
// Cleared wholesale past 150 lines, a few frames' worth: a cached line is an array of one object per
// character with its styles, and a bound of 1,000 lines cost 120 MB of resident memory at 10,000
// connectors (bench: 439 MB against 319 MB at 100 lines) for no gain in latency.
const SHARED = `
const kcxSharedCaches = new OutputCaches();
const kcxCachesFor = () => {
    if (kcxSharedCaches.styledChars.size > 150 || kcxSharedCaches.widths.size > 20000) {
        kcxSharedCaches.styledChars.clear();
        kcxSharedCaches.widths.clear();
        kcxSharedCaches.blockWidths.clear();
    }
    return kcxSharedCaches;
};
`;

export const inkFrameCache = {
  name: 'ink-frame-cache',
  setup(build) {
    build.onLoad({ filter: TARGET }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      // A new Ink may have changed Output: fail the build rather than ship a silently slower console.
      if (!source.includes(FRESH) || !source.includes('class OutputCaches'))
        throw new Error(`ink-frame-cache: ${args.path} no longer has "${FRESH}"; review the patch`);
      const patched = source
        .replace('export default class Output', `${SHARED}\nexport default class Output`)
        .replace(FRESH, 'caches = kcxCachesFor();');
      return { contents: patched, loader: 'js' };
    });
  },
};
