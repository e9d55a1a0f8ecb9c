// Pieces the command tables share: the -o option, repeatable -f, and the examples block of --help.
import { type Command, InvalidArgumentError, Option } from 'commander';
import { parseSpan } from '../duration.js';
import { OUTPUT_FORMATS, type OutputFormat } from '../output/formats.js';

export function outputOption(
  formats: readonly OutputFormat[] = OUTPUT_FORMATS,
  fallback: OutputFormat = 'table',
): Option {
  return new Option('-o, --output <format>', 'output format').choices(formats).default(fallback);
}

export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

export function span(value: string): number {
  try {
    return parseSpan(value);
  } catch (e) {
    throw new InvalidArgumentError((e as Error).message);
  }
}

export function examples(cmd: Command, lines: readonly string[]): Command {
  return cmd.addHelpText('after', `\nExamples:\n${lines.map((l) => `  ${l}`).join('\n')}\n`);
}
