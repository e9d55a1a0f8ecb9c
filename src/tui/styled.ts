// Text styled the way Ink's <Text> styles it (the same chalk, the same order of styles), for a line
// built from many styled parts as one string. A <Text> per part costs React fibers, Ink nodes and a
// squash per frame; the connectors list draws a screenful of rows on every filter keystroke.
import chalk, { foregroundColorNames } from 'chalk';

export interface TextStyle {
  /** A chalk colour name (the theme's colours) or `#rrggbb`. */
  color?: string | undefined;
  bold?: boolean;
  underline?: boolean;
  inverse?: boolean;
}

const NAMED = new Set<string>(foregroundColorNames);

export function styled(text: string, style: TextStyle): string {
  if (text === '') return text;
  let out = text;
  const { color } = style;
  if (color) {
    if (NAMED.has(color)) out = chalk[color as (typeof foregroundColorNames)[number]](out);
    else if (color.startsWith('#')) out = chalk.hex(color)(out);
  }
  if (style.bold) out = chalk.bold(out);
  if (style.underline) out = chalk.underline(out);
  if (style.inverse) out = chalk.inverse(out);
  return out;
}
