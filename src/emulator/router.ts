// A JAX-RS-like router: a path that matches no route is 404 "HTTP 404 Not Found", a path that
// matches with another method is 405. Routes carry the Kafka versions that serve them, so an
// emulated old worker answers for a missing endpoint exactly as the real one would.
import { atLeast, type EmulatedVersion } from './emulated-version.js';
import type { EmulatedCluster } from './cluster.js';
import { methodNotAllowed, notFoundPath } from './http-error.js';

export interface RequestContext {
  method: string;
  params: Record<string, string>;
  query: URLSearchParams;
  /** Raw request body text ('' when none). */
  bodyText: string;
  contentType: string | undefined;
  /** e.g. http://127.0.0.1:8083 — for Location headers. */
  baseUrl: string;
  cluster: EmulatedCluster;
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface Route {
  method: string;
  /** Segments; `{name}` captures one segment, `{n:int}` only a non-negative integer. */
  path: string;
  since?: string;
  /** First version that no longer has the route. */
  removedIn?: string;
  handle: (ctx: RequestContext) => Reply;
}

interface Compiled extends Route {
  segments: string[];
}

export class Router {
  private readonly routes: Compiled[];

  constructor(routes: Route[], version: EmulatedVersion) {
    this.routes = routes
      .filter(
        (r) => (!r.since || atLeast(version, r.since)) && (!r.removedIn || !atLeast(version, r.removedIn)),
      )
      .map((r) => ({ ...r, segments: r.path.split('/').filter(Boolean) }));
  }

  /** Finds the route for a raw (still percent-encoded) path; throws 404/405 like JAX-RS. */
  resolve(method: string, rawPath: string): { route: Route; params: Record<string, string> } {
    const segments = rawPath.split('/').filter(Boolean).map(decodeSegment);
    let pathMatched = false;
    for (const route of this.routes) {
      const params = match(route.segments, segments);
      if (!params) continue;
      pathMatched = true;
      if (route.method === method) return { route, params };
    }
    throw pathMatched ? methodNotAllowed() : notFoundPath();
  }
}

function match(pattern: string[], segments: string[]): Record<string, string> | undefined {
  if (pattern.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i]!;
    const s = segments[i]!;
    if (p.startsWith('{')) {
      const [name, kind] = p.slice(1, -1).split(':') as [string, string | undefined];
      if (kind === 'int' && !/^\d+$/.test(s)) return undefined;
      params[name] = s;
    } else if (p !== s) return undefined;
  }
  return params;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
