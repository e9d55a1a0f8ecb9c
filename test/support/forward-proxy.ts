// A tiny HTTP forward proxy on an ephemeral loopback port, for the client's proxy support: it
// forwards absolute-URI requests (http:// targets) and tunnels CONNECT (https:// targets), counting
// both. Host names are looked up in its own table, so a made-up name that the client itself cannot
// resolve is reachable only through the proxy — which is how a test tells "proxied" from "direct".
import { createServer, type IncomingMessage, request, type Server } from 'node:http';
import { type AddressInfo, connect, type Socket } from 'node:net';

export interface ForwardProxy {
  url: string;
  port: number;
  /** `GET http://host:port/path` for forwarded requests, `CONNECT host:port` for tunnels. */
  readonly seen: string[];
  /** The Proxy-Authorization header of each request it saw (undefined when none came). */
  readonly authorizations: (string | undefined)[];
  close(): Promise<void>;
}

export interface ForwardProxyOptions {
  /** `name:port` (or `name`) → `127.0.0.1:port` the proxy connects to instead. */
  hosts?: Record<string, string>;
  /** Answer every request with this status and an HTML page, as a proxy's error page. */
  refuseWith?: number;
  /** Require this Proxy-Authorization value; others get a 407. */
  requireAuthorization?: string;
}

export async function startForwardProxy(options: ForwardProxyOptions = {}): Promise<ForwardProxy> {
  const seen: string[] = [];
  const authorizations: (string | undefined)[] = [];
  const sockets = new Set<Socket>();

  const resolve = (host: string, port: string): { host: string; port: number } => {
    const mapped = options.hosts?.[`${host}:${port}`] ?? options.hosts?.[host];
    const [h = host, p = port] = mapped ? mapped.split(':') : [host, port];
    return { host: h, port: Number(p) };
  };

  /** The status to answer with instead of proxying, if any. */
  const refusal = (req: IncomingMessage): number | undefined => {
    const auth = req.headers['proxy-authorization'];
    authorizations.push(auth);
    if (options.requireAuthorization !== undefined && auth !== options.requireAuthorization) return 407;
    return options.refuseWith;
  };

  const server: Server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    const refused = refusal(req);
    if (refused !== undefined) {
      res.writeHead(refused, {
        'content-type': 'text/html',
        ...(refused === 407 ? { 'proxy-authenticate': 'Basic realm="proxy"' } : {}),
      });
      res.end(`<html><body><h1>${refused} from the proxy</h1></body></html>`);
      return;
    }
    const target = new URL(req.url ?? '/');
    const to = resolve(target.hostname, target.port || '80');
    const headers = { ...req.headers };
    delete headers['proxy-authorization'];
    delete headers['proxy-connection'];
    const upstream = request(
      { host: to.host, port: to.port, method: req.method, path: target.pathname + target.search, headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<html><body>502 Bad Gateway</body></html>');
    });
    req.pipe(upstream);
  });

  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    seen.push(`CONNECT ${req.url}`);
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => undefined);
    const refused = refusal(req);
    if (refused !== undefined) {
      client.end(`HTTP/1.1 ${refused} Refused\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    const [host = '', port = '443'] = (req.url ?? '').split(':');
    const to = resolve(host, port);
    const upstream = connect(to.port, to.host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => client.destroy());
  });

  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    seen,
    authorizations,
    close: () =>
      new Promise<void>((done) => {
        for (const s of sockets) s.destroy();
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
