// How a non-interactive command ends when something went wrong: one line on stderr that names the
// context, the URL and the HTTP status (ConnectError messages carry all three), a hint when the
// failure has a usual cause (auth, TLS, an unreachable worker), never a stack trace — and the exit
// code: 2 for bad usage or input (nothing was sent), 1 for an operation that failed.
import { type ConnectError, describeError, isConnectError } from '../connect/errors.js';
import { isTrustFailure } from '../connect/net-errors.js';
import { isInputError } from '../domain/input-error.js';

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

/** A usage problem found by a command itself (a bad --state value, a missing -f). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Ends a command with a message and a code, e.g. when the user declines a confirm. */
export class CommandExit extends Error {
  override readonly name = 'CommandExit';
  constructor(
    message: string,
    readonly code: number,
  ) {
    super(message);
  }
}

/**
 * A change asked of a read-only context: refused before any request (exit 1), in the same words by
 * every command. `hint` says what would work instead.
 */
export function refuseReadOnly(ctx: { name: string; readonly: boolean }, hint = ''): void {
  if (!ctx.readonly) return;
  throw new CommandExit(
    `[${ctx.name}] refused: context ${ctx.name} is read-only, nothing was sent${hint ? ` (${hint})` : ''}`,
    EXIT_FAILED,
  );
}

export function exitCodeFor(e: unknown): number {
  if (e instanceof CommandExit) return e.code;
  if (e instanceof UsageError || isInputError(e)) return EXIT_USAGE;
  return EXIT_FAILED;
}

/** The lines to print on stderr for an error, each starting with `kcx:` or `hint:`. */
export function failureLines(e: unknown): string[] {
  if (e instanceof CommandExit && e.message === '') return [];
  const lines = [`kcx: ${describeError(e)}`];
  const hint = isConnectError(e) ? hintFor(e) : undefined;
  if (hint) lines.push(`hint: ${hint}`);
  return lines;
}

function hintFor(e: ConnectError): string | undefined {
  if (e.status === 401) {
    return e.credentials
      ? `the worker refused the ${e.credentials} credentials of context ${e.context}; check them (kcx ctx show ${e.context} says where they come from)`
      : `the worker wants credentials: give context ${e.context} an auth block (basic or bearer) in the contexts file — see kcx ctx add --help`;
  }
  if (e.status === 403) {
    return e.credentials
      ? `the credentials of context ${e.context} were accepted but may not do this; check the user's permissions on the worker`
      : `the worker (or something in front of it) forbids this to anonymous requests; if it takes credentials, give context ${e.context} an auth block — see kcx ctx add --help`;
  }
  switch (e.kind) {
    case 'tls':
      return tlsHint(e);
    case 'connection-refused':
    case 'dns':
    case 'network':
    case 'timeout':
      if (e.proxy) {
        return `kcx goes through the proxy ${e.proxy}: is it up and does it allow this? To go direct, add the worker's host to NO_PROXY (kcx ctx show prints the proxy a context uses)`;
      }
      // TLS 1.3 checks the client certificate after the handshake: a worker that wants one just hangs up.
      if (e.code === 'UND_ERR_SOCKET' && e.url.startsWith('https:')) {
        return `the worker hung up during TLS: if it wants a client certificate (mutual TLS), set tls.cert-file and tls.key-file in context ${e.context}; otherwise, is the worker up and the URL right?`;
      }
      return 'is the worker up and the URL right? kcx ctx show prints what this context points at';
    case 'bad-body':
      if (!e.detail?.includes('HTML')) return undefined;
      return e.proxy
        ? `the proxy ${e.proxy} may be answering instead of the worker; to go direct, add the worker's host to NO_PROXY`
        : 'something other than the worker answered (a proxy, a load balancer, a login page): check the URL, and HTTP_PROXY / HTTPS_PROXY / NO_PROXY';
    case 'read-only':
      return `context ${e.context} is read-only (readonly: true in the contexts file, or --readonly); nothing was sent`;
    default:
      return undefined;
  }
}

function tlsHint(e: ConnectError): string | undefined {
  const insecure = 'tls.insecure: true skips verification on throwaway clusters only';
  switch (e.code) {
    case 'ERR_SSL_WRONG_VERSION_NUMBER':
      return `the worker speaks plain HTTP: use an http:// URL for context ${e.context}`;
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return `use a URL with a host name the certificate lists (or have it reissued for this one); ${insecure}`;
    case 'CERT_HAS_EXPIRED':
    case 'CERT_NOT_YET_VALID':
      return "the worker's certificate is outside its validity dates: renew it, or check this machine's clock";
    case undefined:
      // No TLS code: kcx could not read a file named under tls: before connecting.
      return `check the files under tls: in context ${e.context} (relative paths are relative to the contexts file)`;
    default:
      return isTrustFailure(e.code)
        ? `trust the worker's CA with tls.ca-file in context ${e.context} (kcx ctx add NAME --url URL --ca-file FILE); ${insecure}`
        : undefined;
  }
}

/** Runs a command body; its result or error becomes process.exitCode (never process.exit: pipes flush). */
export async function runCommand(body: () => Promise<number | undefined>): Promise<void> {
  try {
    process.exitCode = (await body()) ?? EXIT_OK;
  } catch (e) {
    for (const line of failureLines(e)) process.stderr.write(`${line}\n`);
    process.exitCode = exitCodeFor(e);
  }
}
