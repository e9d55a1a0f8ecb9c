// The levels `PUT /admin/loggers/{name}` accepts, most verbose first. Connect answers an unknown
// level with a 404 ("invalid log level"), which reads like a missing logger; checking first gives a
// clear message and sends nothing. (The console's level picker lists the same seven.)
export const LOG_LEVELS = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL', 'OFF'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The level for a word in any case (`debug` → `DEBUG`), or undefined if it is none of them. */
export function parseLogLevel(word: string): LogLevel | undefined {
  const upper = word.trim().toUpperCase();
  return (LOG_LEVELS as readonly string[]).includes(upper) ? (upper as LogLevel) : undefined;
}
