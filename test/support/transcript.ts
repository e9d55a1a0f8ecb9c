// Parses the verbatim HTTP transcripts of a real Connect 4.0 worker
// (../shared/fixtures/real-connect-4.0/*.txt): request lines start with "> " (a lone ">" separates
// request headers from the request body), then the raw response — status line, CRLF-terminated
// headers, a blank line, the body (possibly empty).
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const TRANSCRIPT_DIR = fileURLToPath(
  new URL('../../../shared/fixtures/real-connect-4.0/', import.meta.url),
);

export interface ParsedTranscript {
  file: string;
  method: string;
  /** Path with query, as sent. */
  path: string;
  /** Lower-cased names. */
  requestHeaders: Record<string, string>;
  /** Exactly as sent ('' when none); may be malformed JSON on purpose. */
  requestBody: string;
  status: number;
  statusText: string;
  /** Lower-cased names. */
  headers: Record<string, string>;
  /** The response body without the recorder's trailing newline ('' when none). */
  body: string;
}

export function parseTranscript(text: string, file = ''): ParsedTranscript {
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  let i = 0;
  const requestLine = /^> (\S+) (\S+)/.exec(lines[i++] ?? '');
  if (!requestLine) throw new Error(`${file}: no request line`);
  const requestHeaders: Record<string, string> = {};
  const requestBody: string[] = [];
  let inRequestBody = false;
  for (; i < lines.length && lines[i]!.startsWith('>'); i++) {
    const line = lines[i]!.replace(/^> ?/, '');
    if (inRequestBody) requestBody.push(line);
    else if (line === '') inRequestBody = true;
    else {
      const colon = line.indexOf(':');
      requestHeaders[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
  }
  while (i < lines.length && !lines[i]!.startsWith('HTTP/')) i++;
  const statusLine = /^HTTP\/[\d.]+ (\d{3}) ?(.*)$/.exec(lines[i++] ?? '');
  if (!statusLine) throw new Error(`${file}: no status line`);
  const headers: Record<string, string> = {};
  for (; i < lines.length && lines[i] !== ''; i++) {
    const colon = lines[i]!.indexOf(':');
    headers[lines[i]!.slice(0, colon).trim().toLowerCase()] = lines[i]!.slice(colon + 1).trim();
  }
  // The body is everything after the blank line that ends the headers, byte for byte except for
  // line endings; the recorder adds one newline at the end.
  const body = lines
    .slice(i + 1)
    .join('\n')
    .replace(/\n+$/, '');
  return {
    file,
    method: requestLine[1]!,
    path: requestLine[2]!,
    requestHeaders,
    requestBody: requestBody.join('\n'),
    status: Number(statusLine[1]),
    statusText: statusLine[2] ?? '',
    headers,
    body,
  };
}

/** Transcript file names, in recording order. */
export function transcriptFiles(): string[] {
  return readdirSync(TRANSCRIPT_DIR)
    .filter((f) => /^\d+-.*\.txt$/.test(f))
    .sort();
}

export function loadTranscript(file: string): ParsedTranscript {
  return parseTranscript(readFileSync(TRANSCRIPT_DIR + file, 'utf8'), file);
}

/** The response body parsed as JSON. */
export function jsonBody<T = unknown>(t: ParsedTranscript): T {
  return JSON.parse(t.body) as T;
}
