// The README's screen captures: fenced `text` blocks between `<!-- capture:NAME -->` and
// `<!-- /capture -->`. The capture test reads them to compare with fresh screens and, with
// UPDATE_CAPTURES=1, writes fresh screens into them — so the README never drifts from what kcx shows.
import { createTwoFilesPatch } from 'diff';

// Markers only count on lines of their own, so prose can quote them.
const BLOCK = /^<!-- capture:([\w-]+) -->\n```text\n([\s\S]*?)```\n<!-- \/capture -->$/gm;
const OPENING = /^<!-- capture:[\w-]+ -->$/gm;

/** Every capture block of the README, by name, without the fences; a name used twice is an error. */
export function readCaptures(markdown: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of markdown.matchAll(BLOCK)) {
    const [, name = '', body = ''] = m;
    if (out.has(name)) throw new Error(`README: capture "${name}" appears twice`);
    out.set(name, body.replace(/\n$/, ''));
  }
  const opened = markdown.match(OPENING)?.length ?? 0;
  if (opened !== out.size) {
    throw new Error(
      'README: a <!-- capture:NAME --> marker is not followed by a ```text block and <!-- /capture -->',
    );
  }
  return out;
}

/** The README with the named blocks' contents replaced; every name must already have a block. */
export function writeCaptures(markdown: string, captures: ReadonlyMap<string, string>): string {
  const missing = [...captures.keys()].filter((name) => !readCaptures(markdown).has(name));
  if (missing.length > 0) {
    throw new Error(
      `README: no block for ${missing.join(', ')}; add <!-- capture:NAME -->, an empty \`\`\`text block and <!-- /capture --> where it belongs`,
    );
  }
  return markdown.replace(BLOCK, (whole, name: string) => {
    const text = captures.get(name);
    return text === undefined
      ? whole
      : `<!-- capture:${name} -->\n\`\`\`text\n${text}\n\`\`\`\n<!-- /capture -->`;
  });
}

export interface Normalise {
  /** Every match of `from` is replaced by `as` (e.g. the emulator's ephemeral URL). */
  replace: { from: string | RegExp; as: string }[];
}

function replaceEvery(text: string, from: string | RegExp, as: string): string {
  if (typeof from === 'string') return text.replaceAll(from, as);
  return text.replace(new RegExp(from.source, from.flags.includes('g') ? from.flags : `${from.flags}g`), as);
}

/**
 * Screen rows as the README shows them: volatile text replaced, trailing spaces trimmed, runs of
 * blank rows squeezed to one and none at either end (a README reader needs the layout, not the
 * empty middle of an 80×24 terminal).
 */
export function normaliseScreen(rows: readonly string[], n: Normalise): string {
  const out: string[] = [];
  for (const row of rows) {
    let text = row;
    for (const r of n.replace) text = replaceEvery(text, r.from, r.as);
    text = text.trimEnd();
    if (text === '' && (out.length === 0 || out.at(-1) === '')) continue;
    out.push(text);
  }
  while (out.at(-1) === '') out.pop();
  return out.join('\n');
}

/** A unified diff from the README's block to the screen, for the failure message. */
export function captureDiff(name: string, readme: string, screen: string): string {
  return createTwoFilesPatch(`README capture:${name}`, 'screen now', `${readme}\n`, `${screen}\n`, '', '', {
    context: 3,
  });
}
