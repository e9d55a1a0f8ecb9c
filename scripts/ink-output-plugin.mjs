// An esbuild plugin that substitutes kcx's Output (scripts/ink-output.js) for Ink's
// (ink/build/output.js): the same screen for less work per frame (the file says what changed).
// Only for the exact file it was made from: a new Ink fails the build rather than ship an Output
// that no longer matches the rest of Ink.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';

const TARGET = /[\\/]ink[\\/]build[\\/]output\.js$/;
/** sha256 of ink 8.0.0's build/output.js. */
export const INK_OUTPUT_SHA256 = '5e6c511c0a573f48cd5765d7f1f16583d2595f7b05775608382bdb990b63f225';
export const KCX_OUTPUT = new URL('./ink-output.js', import.meta.url);

export const inkOutput = {
  name: 'ink-output',
  setup(build) {
    build.onLoad({ filter: TARGET }, async (args) => {
      const source = await readFile(args.path);
      const sha = createHash('sha256').update(source).digest('hex');
      if (sha !== INK_OUTPUT_SHA256)
        throw new Error(
          `ink-output: ${args.path} is not the file scripts/ink-output.js was made from (sha256 ${sha}); port the changes to the new Ink and update INK_OUTPUT_SHA256`,
        );
      // Resolved from Ink's directory, so its imports are Ink's own dependencies.
      return { contents: await readFile(KCX_OUTPUT, 'utf8'), loader: 'js', resolveDir: dirname(args.path) };
    });
  },
};
