// Reading and editing `contexts.yaml`. Edits go through the YAML document model so the user's comments
// and layout survive `kcx ctx add|use|remove`; writes are atomic (temp file + rename) with mode 0600,
// since the file may hold inline secrets.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type Document, isMap, parseDocument } from 'yaml';
import { parseYamlDocuments } from '../domain/yaml-tree.js';
import {
  type ContextEntry,
  type ContextsFile,
  holdsSecrets,
  parseContextsFile,
  type SecretSource,
} from './contexts-schema.js';
import { ConfigError, ContextError } from './errors.js';
import { configDir } from './paths.js';
import { writePrivateFile } from './private-file.js';

export const CONTEXTS_FILE_NAME = 'contexts.yaml';

export function contextsPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(configDir(env), CONTEXTS_FILE_NAME);
}

export interface LoadedContexts {
  path: string;
  exists: boolean;
  file: ContextsFile;
  /** Things to tell the user on stderr (a secret-holding file readable by others). */
  warnings: string[];
}

/** Reads and validates the contexts file; a missing file is an empty one. */
export function loadContexts(env: NodeJS.ProcessEnv = process.env): LoadedContexts {
  const path = contextsPath(env);
  let text: string;
  let mode: number;
  try {
    text = readFileSync(path, 'utf8');
    mode = statSync(path).mode;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { path, exists: false, file: { contexts: [] }, warnings: [] };
    throw new ConfigError(`cannot read the contexts file (${code ?? String(err)})`, { file: path });
  }
  const file = parseContextsFile(parseYamlDocuments(text, path), path);
  const warning = permissionWarning(path, mode, file);
  return { path, exists: true, file, warnings: warning ? [warning] : [] };
}

/**
 * A warning when a file that holds secrets in clear can be read by the group or others. Mode bits mean
 * nothing on Windows, so nothing is said there.
 */
export function permissionWarning(
  path: string,
  mode: number,
  file: ContextsFile,
  platform: NodeJS.Platform = process.platform,
): string | undefined {
  if (platform === 'win32' || (mode & 0o077) === 0 || !holdsSecrets(file)) return undefined;
  const octal = (mode & 0o777).toString(8).padStart(3, '0');
  return `warning: ${path} holds secrets and is readable by others (mode ${octal}); run: chmod 600 ${path}`;
}

/** The YAML form of one context, as `kcx ctx add` writes it. */
export function contextToYaml(c: ContextEntry): Record<string, unknown> {
  const out: Record<string, unknown> = { url: c.url };
  if (c.readonly) out.readonly = true;
  if (c.production) out.production = true;
  if (c.colour) out.colour = c.colour;
  if (c.auth?.type === 'basic') {
    out.auth = { type: 'basic', username: c.auth.username, ...secretToYaml('password', c.auth.password) };
  } else if (c.auth?.type === 'bearer') {
    out.auth = { type: 'bearer', ...secretToYaml('token', c.auth.token) };
  }
  if (c.tls) {
    const tls: Record<string, unknown> = {};
    if (c.tls.caFile) tls['ca-file'] = c.tls.caFile;
    if (c.tls.certFile) tls['cert-file'] = c.tls.certFile;
    if (c.tls.keyFile) tls['key-file'] = c.tls.keyFile;
    if (c.tls.insecure) tls.insecure = true;
    if (Object.keys(tls).length > 0) out.tls = tls;
  }
  if (c.proxy) out.proxy = c.proxy;
  return out;
}

function secretToYaml(key: string, s: SecretSource): Record<string, string> {
  if (s.from === 'env') return { [`${key}-env`]: s.name };
  if (s.from === 'file') return { [`${key}-file`]: s.path };
  return { [key]: s.value };
}

export function addContext(env: NodeJS.ProcessEnv, entry: ContextEntry, options: { force?: boolean }): void {
  const loaded = loadContexts(env);
  if (!options.force && loaded.file.contexts.some((c) => c.name === entry.name)) {
    throw new ConfigError(`context "${entry.name}" already exists (use --force to replace it)`, {
      file: loaded.path,
    });
  }
  editContexts(loaded.path, (doc) => {
    doc.setIn(['contexts', entry.name], doc.createNode(contextToYaml(entry)));
  });
}

/** Removes a context; if it was the current one, no context is current afterwards. */
export function removeContext(env: NodeJS.ProcessEnv, name: string): { wasCurrent: boolean } {
  const loaded = requireContext(env, name);
  const wasCurrent = loaded.file.currentContext === name;
  editContexts(loaded.path, (doc) => {
    doc.deleteIn(['contexts', name]);
    if (wasCurrent) doc.delete('current-context');
  });
  return { wasCurrent };
}

export function setCurrentContext(env: NodeJS.ProcessEnv, name: string): void {
  const loaded = requireContext(env, name);
  editContexts(loaded.path, (doc) => {
    // A new current-context goes first in the file, where a reader looks for it.
    if (isMap(doc.contents) && !doc.contents.has('current-context')) {
      doc.contents.items.unshift(doc.createPair('current-context', name));
    } else doc.set('current-context', name);
  });
}

function requireContext(env: NodeJS.ProcessEnv, name: string): LoadedContexts {
  const loaded = loadContexts(env);
  if (!loaded.file.contexts.some((c) => c.name === name)) {
    throw new ContextError(
      name,
      loaded.file.contexts.map((c) => c.name),
      loaded.path,
    );
  }
  return loaded;
}

function editContexts(path: string, edit: (doc: Document) => void): void {
  let text = '';
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const doc: Document = parseDocument(text);
  // An empty (or comments-only) file parses to a document without contents; give it a map to edit.
  if (doc.contents === null) doc.contents = doc.createNode({});
  edit(doc);
  writePrivateFile(path, doc.toString());
}
