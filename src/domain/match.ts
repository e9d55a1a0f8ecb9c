// `--match PATTERN` for bulk commands and `kcx get`: a shell-style glob (`demo-*`, `sink-?-[ab]`)
// or, between slashes, a JavaScript regular expression (`/^demo-\d+$/i`).

/**
 * Compiles a pattern into a name predicate. Globs match the whole name (`demo-*` does not match
 * `old-demo-1`); regexes match anywhere unless anchored, as a regex would everywhere else.
 * Throws an Error naming the pattern when the regex (or a glob's character class) is invalid.
 */
export function compileMatcher(pattern: string): (name: string) => boolean {
  if (pattern === '') throw new Error('--match needs a pattern, e.g. "demo-*" or "/^demo-\\d+$/"');
  const regex = parseRegexLiteral(pattern) ?? globToRegex(pattern);
  return (name) => {
    // A /g or /y regex keeps lastIndex between calls; resetting keeps the predicate pure.
    regex.lastIndex = 0;
    return regex.test(name);
  };
}

/** `/body/flags` → RegExp; anything else (including a lone `/`) is a glob. */
function parseRegexLiteral(pattern: string): RegExp | undefined {
  const m = /^\/(.+)\/([a-z]*)$/s.exec(pattern);
  if (!m) return undefined;
  try {
    return new RegExp(m[1]!, m[2]);
  } catch (e) {
    // V8 says "Invalid regular expression: /[/: Unterminated character class"; keep the why.
    const reason = (e instanceof Error ? e.message : String(e)).replace(
      /^Invalid regular expression: \/.*\/[a-z]*: /s,
      '',
    );
    throw new Error(`invalid regular expression ${pattern}: ${reason}`);
  }
}

/** `*` any run, `?` one character, `[abc]`/`[a-z]`/`[!x]` a class, `\x` a literal x. */
function globToRegex(glob: string): RegExp {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') out += '.*';
    else if (c === '?') out += '.';
    else if (c === '\\' && i + 1 < glob.length) out += escapeRegex(glob[++i]!);
    else if (c === '[') {
      const end = glob.indexOf(']', i + 2);
      if (end < 0) {
        out += '\\[';
        continue;
      }
      let body = glob.slice(i + 1, end);
      if (body.startsWith('!')) body = `^${body.slice(1)}`;
      // Only a backslash needs escaping inside a class; `-` and `^` keep their class meaning.
      out += `[${body.replace(/\\/g, '\\\\')}]`;
      i = end;
    } else out += escapeRegex(c);
  }
  try {
    return new RegExp(`^${out}$`, 's');
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    throw new Error(`invalid pattern ${glob}: ${reason}`);
  }
}

function escapeRegex(c: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(c) ? `\\${c}` : c;
}
