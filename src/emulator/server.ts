// The emulator's HTTP(S) listener: auth, faults, routing, Connect's error bodies, and the
// `/__emulator/*` control API that out-of-process tests use to inject faults.
import {
  STATUS_CODES,
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Socket } from 'node:net';
import type { EmulatedCluster } from './cluster.js';
import { controlRoutes } from './control-api.js';
import type { Faults, FaultRule } from './faults.js';
import { HttpError } from './http-error.js';
import { Router } from './router.js';
import { connectorRoutes } from './routes-connectors.js';
import { workerRoutes } from './routes-worker.js';

export interface EmulatorAuth {
  basic?: { username: string; password: string };
  bearer?: string;
}

export interface EmulatorTls {
  key: string | Buffer;
  cert: string | Buffer;
}

export interface ServerOptions {
  host: string;
  port: number;
  auth?: EmulatorAuth;
  tls?: EmulatorTls;
}

const MAX_BODY = 16 * 1024 * 1024;

export class EmulatorServer {
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private readonly router: Router;
  private readonly control: Router;
  private boundPort = 0;
  faults!: Faults;

  constructor(
    private readonly cluster: EmulatedCluster,
    private readonly options: ServerOptions,
  ) {
    this.router = new Router([...workerRoutes, ...connectorRoutes], cluster.version);
    this.control = new Router(controlRoutes(this), cluster.version);
    const handler = (req: IncomingMessage, res: ServerResponse) => void this.handle(req, res);
    this.server = options.tls
      ? createHttpsServer({ key: options.tls.key, cert: options.tls.cert }, handler)
      : createHttpServer(handler);
    this.server.keepAliveTimeout = 30_000;
    this.server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    // TLS handshakes happen on 'secureConnection' sockets; track those too so an outage cuts them.
    this.server.on('secureConnection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  get port(): number {
    return this.boundPort;
  }

  get url(): string {
    const host = this.options.host.includes(':') ? `[${this.options.host}]` : this.options.host;
    return `${this.options.tls ? 'https' : 'http'}://${host}:${this.boundPort}`;
  }

  get state(): EmulatedCluster {
    return this.cluster;
  }

  async listen(port = this.options.port): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      const onError = (err: Error) => reject(err);
      this.server.once('error', onError);
      this.server.listen(port, this.options.host, () => {
        this.server.off('error', onError);
        const address = this.server.address();
        this.boundPort = typeof address === 'object' && address ? address.port : port;
        resolve();
      });
    });
  }

  /** Stops accepting connections and cuts the open ones: clients see "connection refused". */
  async stopListening(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    await closed;
  }

  async close(): Promise<void> {
    this.faults.dispose();
    if (this.server.listening) await this.stopListening();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://emulator');
    const method = req.method ?? 'GET';
    // Jersey serves paths with and without the trailing slash alike.
    const path = url.pathname.length > 1 ? url.pathname.replace(/\/$/, '') : url.pathname;
    let bodyText: string;
    try {
      bodyText = await readBody(req);
    } catch {
      res.destroy();
      return;
    }
    if (path.startsWith('/__emulator/')) {
      this.dispatch(this.control, method, path, url, bodyText, req, res, undefined);
      return;
    }
    if (!this.authorised(req)) {
      send(
        res,
        401,
        { error_code: 401, message: 'User cannot access the resource.' },
        { 'WWW-Authenticate': 'Basic realm="connect"' },
      );
      return;
    }
    const delay = this.faults.latencyFor(method, path);
    if (delay > 0) await sleep(delay);
    const fault = this.faults.pick(method, path);
    if (fault && this.applyFault(fault, res)) return;
    this.dispatch(this.router, method, path, url, bodyText, req, res, fault);
  }

  private dispatch(
    router: Router,
    method: string,
    path: string,
    url: URL,
    bodyText: string,
    req: IncomingMessage,
    res: ServerResponse,
    fault: FaultRule | undefined,
  ): void {
    let status: number;
    let body: unknown;
    let headers: Record<string, string> | undefined;
    try {
      this.cluster.tick();
      const { route, params } = router.resolve(method, path);
      const contentType = req.headers['content-type'];
      if (bodyText.trim() !== '' && !(contentType ?? '').toLowerCase().includes('application/json')) {
        throw new HttpError(415, 'HTTP 415 Unsupported Media Type');
      }
      const reply = route.handle({
        method,
        params,
        query: url.searchParams,
        bodyText,
        contentType,
        baseUrl: this.url,
        cluster: this.cluster,
      });
      ({ status, body, headers } = reply);
    } catch (err) {
      if (err instanceof HttpError) {
        status = err.status;
        body = { error_code: err.errorCode, message: err.connectMessage };
      } else {
        status = 500;
        body = { error_code: 500, message: err instanceof Error ? err.message : String(err) };
      }
    }
    if (fault?.kind === 'truncate' && body !== undefined) {
      const text = JSON.stringify(body);
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(text.slice(0, Math.max(1, Math.floor(text.length / 2))));
      return;
    }
    send(res, status, body, headers);
  }

  /** Applies a fault that replaces the answer; returns false for faults that alter it later. */
  private applyFault(fault: FaultRule, res: ServerResponse): boolean {
    switch (fault.kind) {
      case 'status': {
        const status = fault.status ?? 500;
        send(res, status, { error_code: status, message: fault.message ?? defaultMessage(status) });
        return true;
      }
      case 'html': {
        const status = fault.status ?? 502;
        const reason = STATUS_CODES[status] ?? 'Error';
        res.writeHead(status, { 'Content-Type': 'text/html' });
        res.end(
          `<html>\r\n<head><title>${status} ${reason}</title></head>\r\n<body>\r\n<center><h1>${status} ${reason}</h1></center>\r\n<hr><center>nginx/1.25.3</center>\r\n</body>\r\n</html>\r\n`,
        );
        return true;
      }
      case 'hang':
        // Never answered; the socket is cut when the emulator closes or goes down.
        return true;
      case 'reset':
        res.socket?.destroy();
        return true;
      case 'truncate':
        return false;
    }
  }

  private authorised(req: IncomingMessage): boolean {
    const { auth } = this.options;
    if (!auth?.basic && !auth?.bearer) return true;
    const header = req.headers.authorization ?? '';
    if (auth.bearer && header === `Bearer ${auth.bearer}`) return true;
    if (auth.basic) {
      const expected = Buffer.from(`${auth.basic.username}:${auth.basic.password}`).toString('base64');
      if (header === `Basic ${expected}`) return true;
    }
    return false;
  }
}

function defaultMessage(status: number): string {
  if (status === 409) {
    return 'Cannot complete request momentarily due to stale configuration (typically caused by a concurrent config change)';
  }
  if (status === 500) return 'Request timed out';
  return `HTTP ${status} ${STATUS_CODES[status] ?? ''}`.trim();
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (body === undefined) {
    res.writeHead(status, headers);
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) reject(new Error('body too large'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
