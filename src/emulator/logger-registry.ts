// `/admin/loggers` semantics (connect-rest-api.md §3.22): explicit levels, effective levels of
// descendants, last_modified bumped only on a real change, scope=cluster answered with 204.
import type { LoggerLevel, LoggerLevels } from '../connect/types.js';
import { HttpError } from './http-error.js';
import { KNOWN_LOGGERS } from './known-loggers.js';

const LEVELS = ['OFF', 'FATAL', 'ERROR', 'WARN', 'INFO', 'DEBUG', 'TRACE', 'ALL'];

interface Entry {
  level: string;
  lastModified: number | null;
}

export class LoggerRegistry {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly clock: () => number,
    private readonly reportsLastModified: boolean,
  ) {
    this.entries.set('root', { level: 'INFO', lastModified: null });
    for (const name of KNOWN_LOGGERS) this.entries.set(name, { level: 'INFO', lastModified: null });
  }

  all(): LoggerLevels {
    const out: LoggerLevels = {};
    for (const name of [...this.entries.keys()].sort()) out[name] = this.render(this.entries.get(name)!);
    return out;
  }

  get(name: string): LoggerLevel {
    const key = name.toLowerCase() === 'root' ? 'root' : name;
    const entry = this.entries.get(key);
    if (!entry) throw new HttpError(404, `Logger ${name} not found.`);
    return this.render(entry);
  }

  /** Sets the level of a logger and every logger below it; returns the affected names, sorted. */
  set(name: string, level: unknown): string[] {
    if (typeof level !== 'string' || level === '') {
      throw new HttpError(400, "Desired 'level' parameter was not specified in request.");
    }
    const normalised = level.toUpperCase();
    if (!LEVELS.includes(normalised)) throw new HttpError(404, `invalid log level '${level}'.`);
    const key = name.toLowerCase() === 'root' ? 'root' : name;
    if (!this.entries.has(key)) this.entries.set(key, { level: 'INFO', lastModified: null });
    const affected = [...this.entries.keys()].filter(
      (n) => key === 'root' || n === key || n.startsWith(`${key}.`),
    );
    const now = this.clock();
    for (const n of affected) {
      const entry = this.entries.get(n)!;
      if (entry.level !== normalised) this.entries.set(n, { level: normalised, lastModified: now });
    }
    return affected.sort();
  }

  private render(entry: Entry): LoggerLevel {
    return this.reportsLastModified
      ? { level: entry.level, last_modified: entry.lastModified }
      : { level: entry.level };
  }
}
