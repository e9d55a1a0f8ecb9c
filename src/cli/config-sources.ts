// `-f FILE|DIR|-` for apply and validate (and the offsets file of `offsets alter`): files by extension (anything else is sniffed), a
// directory's config files in name order (not recursive), or stdin. Every problem is an input error
// naming the file, and duplicate connector names across all of them are refused.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ConnectorOffset } from '../connect/types.js';
import {
  CONFIG_EXTENSIONS,
  type ConnectorSpec,
  checkUniqueNames,
  formatOfPath,
  parseConnectorFile,
  sniffFormat,
} from '../domain/config-files.js';
import { formatWhere, InputError, isInputError } from '../domain/input-error.js';
import { parseOffsetsFile } from '../domain/offsets-file.js';
import { UsageError } from './failure.js';

export const STDIN_NAME = '<stdin>';

export async function readStdin(stream: NodeJS.ReadableStream = process.stdin): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

export async function loadConnectorSpecs(
  sources: readonly string[],
  stdin: () => Promise<string> = () => readStdin(),
): Promise<ConnectorSpec[]> {
  const { specs } = await readSources(sources, stdin, false);
  checkUniqueNames(specs);
  return specs;
}

/** A file (or stdin) that could not be read, or a name declared twice: none of it is applied. */
export interface SkippedSource {
  kind: 'file' | 'duplicate';
  /** The file, or the connector name of a duplicate. */
  source: string;
  message: string;
}

/**
 * For `apply --continue-on-error`: every connector that can be read, and what could not. A file with
 * a syntax error is skipped whole (its connectors cannot be told apart reliably); a name declared
 * twice is skipped in every place, since nothing says which declaration is meant.
 */
export async function loadConnectorSpecsKeepingGoing(
  sources: readonly string[],
  stdin: () => Promise<string> = () => readStdin(),
): Promise<{ specs: ConnectorSpec[]; skipped: SkippedSource[] }> {
  const { specs, skipped } = await readSources(sources, stdin, true);
  const byName = new Map<string, ConnectorSpec[]>();
  for (const spec of specs) byName.set(spec.name, [...(byName.get(spec.name) ?? []), spec]);
  for (const [name, copies] of byName) {
    if (copies.length < 2) continue;
    const places = copies.map((c) => formatWhere(c.where)).join(' and at ');
    skipped.push({
      kind: 'duplicate',
      source: name,
      message: `duplicate connector name "${name}": declared at ${places}`,
    });
  }
  return { specs: specs.filter((s) => byName.get(s.name)?.length === 1), skipped };
}

async function readSources(
  sources: readonly string[],
  stdin: () => Promise<string>,
  keepGoing: boolean,
): Promise<{ specs: ConnectorSpec[]; skipped: SkippedSource[] }> {
  if (sources.length === 0)
    throw new UsageError('say which files to read: -f FILE, -f DIR or -f - for stdin');
  if (sources.filter((s) => s === '-').length > 1)
    throw new UsageError('-f - (stdin) can be given only once');
  const specs: ConnectorSpec[] = [];
  const skipped: SkippedSource[] = [];
  // Bad input stops the read unless we keep going; anything else (a bug, EIO on stdin) always does.
  const attempt = (source: string, read: () => ConnectorSpec[]): void => {
    try {
      specs.push(...read());
    } catch (e) {
      if (!keepGoing || !isInputError(e)) throw e;
      skipped.push({ kind: 'file', source, message: e.message });
    }
  };
  // `-f dir -f dir/a.yaml` names a.yaml twice; reading it twice would report its connectors as duplicates.
  const seen = new Set<string>();
  for (const source of sources) {
    if (source === '-') {
      const text = await stdin();
      attempt(STDIN_NAME, () => parseConnectorFile(text, STDIN_NAME, sniffFormat(text)));
      continue;
    }
    let files: string[] = [];
    attempt(source, () => {
      files = filesOf(source);
      return [];
    });
    for (const file of files) {
      const key = resolve(file);
      if (seen.has(key)) continue;
      seen.add(key);
      attempt(file, () => {
        const text = readText(file);
        return parseConnectorFile(text, file, formatOfPath(file) ?? sniffFormat(text));
      });
    }
  }
  return { specs, skipped };
}

/** The offsets JSON of `kcx offsets alter -f FILE|-`. */
export async function loadOffsets(
  source: string,
  stdin: () => Promise<string> = () => readStdin(),
): Promise<ConnectorOffset[]> {
  if (source === '-') return parseOffsetsFile(await stdin(), STDIN_NAME);
  return parseOffsetsFile(readText(source), source);
}

function filesOf(source: string): string[] {
  let isDir: boolean;
  try {
    isDir = statSync(source).isDirectory();
  } catch (err) {
    throw new InputError(errnoText(err), { file: source });
  }
  if (!isDir) return [source];
  const files = readdirSync(source)
    .filter((f) => formatOfPath(f) !== undefined && !f.startsWith('.'))
    .sort()
    .map((f) => join(source, f));
  if (files.length === 0) {
    throw new InputError(`no ${Object.keys(CONFIG_EXTENSIONS).join(', ')} files in this directory`, {
      file: source,
    });
  }
  return files;
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new InputError(errnoText(err), { file });
  }
}

function errnoText(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES') return 'permission denied';
  return code ?? String(err);
}
