// Reads the verbatim transcripts of a real Connect 4.0 worker (../shared/fixtures/real-connect-4.0).
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const FIXTURE_DIR = fileURLToPath(
  new URL('../../../shared/fixtures/real-connect-4.0/', import.meta.url),
);

export interface Transcript {
  file: string;
  method: string;
  /** Path with query, as sent. */
  path: string;
  requestHeaders: Record<string, string>;
  requestBody: string;
  status: number;
  headers: Record<string, string>;
  /** Raw response body text ('' when none). */
  body: string;
}

export function listTranscripts(): string[] {
  return readdirSync(FIXTURE_DIR)
    .filter((f) => /^\d+-.*\.txt$/.test(f))
    .sort();
}

export function readTranscript(file: string): Transcript {
  // Requests are written with LF, the worker's raw responses with CRLF.
  const text = readFileSync(FIXTURE_DIR + file, 'utf8').replace(/\r\n/g, '\n');
  const lines = text.split('\n');
  let i = 0;
  const [method, path] = lines[i++]!.slice(2).split(' ') as [string, string];
  const requestHeaders: Record<string, string> = {};
  const requestBody: string[] = [];
  let inBody = false;
  for (; i < lines.length && lines[i]!.startsWith('>'); i++) {
    const line = lines[i]!.replace(/^> ?/, '');
    if (inBody) requestBody.push(line);
    else if (line === '') inBody = true;
    else {
      const at = line.indexOf(':');
      requestHeaders[line.slice(0, at).toLowerCase()] = line.slice(at + 1).trim();
    }
  }
  while (lines[i] === '') i++;
  const status = Number(/^HTTP\/1\.1 (\d+)/.exec(lines[i++]!)![1]);
  const headers: Record<string, string> = {};
  for (; i < lines.length && lines[i] !== ''; i++) {
    const at = lines[i]!.indexOf(':');
    headers[lines[i]!.slice(0, at).toLowerCase()] = lines[i]!.slice(at + 1).trim();
  }
  const body = lines
    .slice(i + 1)
    .join('\n')
    .trim();
  return { file, method, path, requestHeaders, requestBody: requestBody.join('\n'), status, headers, body };
}

/** The JSON shape of a value: key names and value types, not values. */
export type Shape = string | Shape[] | { [key: string]: Shape };

export function shapeOf(value: unknown, mapKeys = false): Shape {
  if (value === null) return 'null';
  if (Array.isArray(value)) {
    // Element shapes as a set: arrays of one kind of entity have one shape.
    const seen = new Map<string, Shape>();
    for (const v of value) {
      const s = shapeOf(v);
      seen.set(JSON.stringify(s), s);
    }
    return [...seen.values()];
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (mapKeys) {
      // A map whose keys are data (logger names, connector names): the shape of its values only.
      const values = new Map<string, Shape>();
      for (const [, v] of entries) {
        const s = shapeOf(v);
        values.set(JSON.stringify(s), s);
      }
      return { '<key>': [...values.values()] };
    }
    return Object.fromEntries(
      entries.sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, shapeOf(v)]),
    );
  }
  return typeof value;
}
