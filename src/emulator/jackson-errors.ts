// Connect deserialises request bodies with Jackson and maps its exceptions to HTTP 500
// (connect-rest-api.md §2.3). These helpers phrase errors the way Jackson does.

import { HttpError } from './http-error.js';

const SOURCE = '[Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled)';

/** Parses a request body as Jackson would, throwing a 500 HttpError with Jackson-like wording. */
export function parseJsonBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    const { line, column } = endPosition(text);
    const trimmed = text.trim();
    if (trimmed === '') throw new HttpError(500, 'No content to map due to end-of-input');
    const unbalanced = countOpen(trimmed) > 0;
    const what = unbalanced
      ? 'Unexpected end-of-input within/between Object entries'
      : 'Unexpected character: was expecting comma to separate Object entries';
    throw new HttpError(500, `${what}\n at ${SOURCE}; line: ${line}, column: ${column}]`);
  }
}

function endPosition(text: string): { line: number; column: number } {
  const lines = text.split('\n');
  return { line: lines.length, column: (lines.at(-1) ?? '').length + 1 };
}

function countOpen(text: string): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '{' || ch === '[') depth++;
    else if (ch === '}' || ch === ']') depth--;
  }
  return depth + (inString ? 1 : 0);
}

export function unrecognizedField(field: string, entityClass: string, known: string[]): HttpError {
  const list = known.map((k) => `"${k}"`).join(', ');
  return new HttpError(
    500,
    `Unrecognized field "${field}" (class ${entityClass}), not marked as ignorable (${known.length} known properties: ${list}])\n at ${SOURCE}; line: 1, column: 1] (through reference chain: ${entityClass}["${field}"])`,
  );
}

export function cannotDeserialize(targetType: string, from: string): HttpError {
  return new HttpError(
    500,
    `Cannot deserialize value of type \`${targetType}\` from ${from}\n at ${SOURCE}; line: 1, column: 1]`,
  );
}

/** A JSON object whose values Jackson can bind to Map<String,String>: scalars become strings, null stays null. */
export function asStringMap(value: unknown): Record<string, string | null> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw cannotDeserialize(
      'java.util.LinkedHashMap<java.lang.String,java.lang.String>',
      describeToken(value),
    );
  }
  const out: Record<string, string | null> = {};
  for (const [k, v] of Object.entries(value)) {
    if (v === null) out[k] = null;
    else if (typeof v === 'object') throw cannotDeserialize('java.lang.String', describeToken(v));
    else out[k] = String(v);
  }
  return out;
}

export function describeToken(value: unknown): string {
  if (Array.isArray(value)) return 'Array value (token `JsonToken.START_ARRAY`)';
  if (value !== null && typeof value === 'object') return 'Object value (token `JsonToken.START_OBJECT`)';
  if (typeof value === 'string') return 'String value (token `JsonToken.VALUE_STRING`)';
  if (typeof value === 'number') return 'Integer value (token `JsonToken.VALUE_NUMBER_INT`)';
  return 'Null value';
}
