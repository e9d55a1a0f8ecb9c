// Cell widths as a current terminal draws them. The headless xterm only ships Unicode 6 widths, where
// an emoji such as 🚀 takes one cell; every terminal kcx runs in today (and xterm.js with its
// unicode11 add-on) gives emoji with emoji presentation two cells, as kcx lays them out. Without this,
// a test could not tell kcx's alignment of emoji names from the test terminal's own mistake.
import type { Terminal } from '@xterm/headless';

type Width = 0 | 1 | 2;

/** East Asian Wide and Fullwidth blocks (Hangul, CJK, fullwidth forms), from EastAsianWidth.txt. */
const WIDE: readonly (readonly [number, number])[] = [
  [0x1100, 0x115f],
  [0x2329, 0x232a],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xa960, 0xa97f],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe10, 0xfe19],
  [0xfe30, 0xfe6f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x1f300, 0x1f64f],
  [0x1f900, 0x1f9ff],
  [0x20000, 0x2fffd],
  [0x30000, 0x3fffd],
];

const ZERO_WIDTH = /^[\p{Mn}\p{Me}\p{Cf}]$/u;
const EMOJI = /^\p{Emoji_Presentation}$/u;

function wcwidth(cp: number): Width {
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return 0;
  const ch = String.fromCodePoint(cp);
  // Conjoining Hangul vowels and finals join the leading consonant's cells.
  if (ZERO_WIDTH.test(ch) || (cp >= 0x1160 && cp <= 0x11ff)) return 0;
  if (EMOJI.test(ch) || WIDE.some(([from, to]) => cp >= from && cp <= to)) return 2;
  return 1;
}

/** xterm's packed char properties: width in bits 1–2, "joins the preceding cell" in bit 0. */
function charProperties(width: Width, preceding: number): number {
  let w: number = width;
  let joins = w === 0 && preceding !== 0;
  if (joins) {
    const before = (preceding >> 1) & 3;
    if (before === 0) joins = false;
    else if (before > w) w = before;
  }
  return ((w & 3) << 1) | (joins ? 1 : 0);
}

/** Makes `term` measure characters like a current terminal (see above). */
export function applyCurrentUnicodeWidths(term: Terminal): void {
  const cache = new Map<number, Width>();
  const cached = (cp: number): Width => {
    let w = cache.get(cp);
    if (w === undefined) {
      w = wcwidth(cp);
      cache.set(cp, w);
    }
    return w;
  };
  term.unicode.register({
    version: 'kcx-tests',
    wcwidth: cached,
    charProperties: (cp, preceding) => charProperties(cached(cp), preceding),
  });
  term.unicode.activeVersion = 'kcx-tests';
}
