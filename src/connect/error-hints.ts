// What to try when a request failed for a usual reason (credentials, TLS, an unreachable worker, a
// proxy answering instead): one line, shared by the command line (after its error) and the console
// (under the error where the list would be). It names the context and the kcx command to look with.
import { type ConnectError, isConnectError } from './errors.js';
import { isTrustFailure } from './net-errors.js';

/** The hint for an error, or undefined when it has no usual cause. */
export function hintFor(e: unknown): string | undefined {
  return isConnectError(e) ? connectHint(e) : undefined;
}

function connectHint(e: ConnectError): string | undefined {
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
