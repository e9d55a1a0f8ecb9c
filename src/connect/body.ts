// Strict reading of response bodies. A proxy's HTML page or a body cut off mid-way must become a
// clear "bad body" error, never a half-parsed object or a crash further up.

export type BodyResult = { ok: true; value: unknown } | { ok: false; detail: string; snippet: string };

const SNIPPET_CHARS = 200;

export function snippet(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > SNIPPET_CHARS ? `${flat.slice(0, SNIPPET_CHARS)}…` : flat;
}

/** Parses a JSON body; an empty body is `undefined`, not an error (202/204 carry none). */
export function parseJsonBody(text: string, contentType: string | undefined): BodyResult {
  if (text.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    return { ok: false, detail: describeBadBody(text, contentType, reason), snippet: snippet(text) };
  }
}

function describeBadBody(text: string, contentType: string | undefined, reason: string): string {
  if (looksLikeHtml(text, contentType)) return 'the response is HTML, not JSON (a proxy?)';
  if (looksTruncated(text, reason)) return `truncated JSON (${reason})`;
  return `the response is not JSON (${reason})`;
}

function looksLikeHtml(text: string, contentType: string | undefined): boolean {
  if (contentType && /\btext\/html\b/i.test(contentType)) return true;
  return /^\s*<(!doctype|html|head|body|title|h1|\?xml)/i.test(text);
}

/** V8 reports truncation either as "end of JSON input" or as an error at the very last position. */
function looksTruncated(text: string, reason: string): boolean {
  if (/end of JSON input|Unterminated string/i.test(reason)) return true;
  const at = /at position (\d+)/.exec(reason);
  return at !== null && Number(at[1]) >= text.trimEnd().length;
}

/** `{"error_code": 404, "message": "…"}` as Connect's exception mapper writes it. */
export function connectErrorBody(value: unknown): { errorCode?: number; message?: string } | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const o = value as Record<string, unknown>;
  const errorCode = typeof o.error_code === 'number' ? o.error_code : undefined;
  const message = typeof o.message === 'string' ? o.message : undefined;
  if (errorCode === undefined && message === undefined) return undefined;
  return { ...(errorCode === undefined ? {} : { errorCode }), ...(message === undefined ? {} : { message }) };
}
