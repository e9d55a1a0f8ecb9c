import { describe, expect, it } from 'vitest';
import {
  causeSummary,
  findMatches,
  firstLine,
  oneLineError,
  rootCause,
  rootCauseIndex,
  shortException,
  traceLines,
} from '../../src/domain/trace.js';

const TRACE = [
  "org.apache.kafka.connect.errors.ConnectException: Couldn't find or create file '/tmp/out.txt' for FileStreamSinkTask",
  '\tat org.apache.kafka.connect.file.FileStreamSinkTask.start(FileStreamSinkTask.java:72)',
  '\tat org.apache.kafka.connect.runtime.WorkerSinkTask.initializeAndStart(WorkerSinkTask.java:330)',
  'Caused by: java.nio.file.AccessDeniedException: /tmp/out.txt',
  '\tat java.base/sun.nio.fs.UnixException.translateToIOException(UnixException.java:90)',
  '\t... 12 more',
  'Caused by: java.io.IOException: Permission denied',
  '\t... 14 more',
  '',
].join('\n');

describe('firstLine', () => {
  it('is the exception line, trimmed', () => {
    expect(firstLine(TRACE)).toBe(
      "org.apache.kafka.connect.errors.ConnectException: Couldn't find or create file '/tmp/out.txt' for FileStreamSinkTask",
    );
    expect(firstLine('\n  java.lang.NullPointerException  \r\n\tat x')).toBe(
      'java.lang.NullPointerException',
    );
  });

  it('is empty for no trace', () => {
    expect(firstLine(undefined)).toBe('');
    expect(firstLine('')).toBe('');
    expect(firstLine(' \n ')).toBe('');
  });
});

describe('rootCause', () => {
  it('is the last (deepest) Caused by, without the prefix', () => {
    expect(rootCause(TRACE)).toBe('java.io.IOException: Permission denied');
    expect(rootCauseIndex(traceLines(TRACE))).toBe(6);
  });

  it('follows the main chain, not the cause of a suppressed exception', () => {
    const trace = [
      'org.apache.kafka.connect.errors.ConnectException: flush failed',
      '\tat x.Y.z(Y.java:1)',
      '\tSuppressed: java.io.IOException: close failed',
      '\t\tat x.Y.close(Y.java:9)',
      '\tCaused by: java.net.SocketException: Broken pipe',
      'Caused by: java.sql.SQLException: deadlock detected',
      '\t... 3 more',
      '\tSuppressed: java.io.IOException: again',
      '\tCaused by: java.net.SocketException: Connection reset',
    ].join('\n');
    expect(rootCause(trace)).toBe('java.sql.SQLException: deadlock detected');
    expect(rootCause('a.B: x\n\tSuppressed: c.D: y\n\tCaused by: e.F: z')).toBe('e.F: z');
  });

  it('is the first line when nothing caused it', () => {
    expect(rootCause('java.lang.IllegalStateException: boom\n\tat x.Y.z(Y.java:1)')).toBe(
      'java.lang.IllegalStateException: boom',
    );
    expect(rootCauseIndex(['a', 'b'])).toBe(-1);
    expect(rootCause(undefined)).toBe('');
  });
});

describe('shortException', () => {
  it('keeps the simple class name and the message', () => {
    expect(shortException(firstLine(TRACE))).toBe(
      "ConnectException: Couldn't find or create file '/tmp/out.txt' for FileStreamSinkTask",
    );
    expect(shortException('Caused by: java.io.IOException: Permission denied')).toBe(
      'IOException: Permission denied',
    );
    expect(shortException('java.lang.NullPointerException')).toBe('NullPointerException');
    expect(shortException('com.example.Outer$InnerException: x.y.Z: nested')).toBe(
      'Outer$InnerException: x.y.Z: nested',
    );
  });

  it('leaves lines that do not start with a qualified class', () => {
    expect(shortException('  Tolerance exceeded in error handler ')).toBe(
      'Tolerance exceeded in error handler',
    );
    expect(shortException('www.example.com: unreachable')).toBe('www.example.com: unreachable');
  });

  it('cuts to a length with an ellipsis, never inside a character', () => {
    expect(shortException(firstLine(TRACE), 20)).toBe('ConnectException: C…');
    expect(shortException('a.B: 🚀🚀🚀', 5)).toBe('B: 🚀…');
    expect(shortException('a.B: x', 50)).toBe('B: x');
  });
});

describe('traceLines and findMatches', () => {
  it('splits on any line ending without a trailing empty line', () => {
    expect(traceLines('a\r\nb\nc\n')).toEqual(['a', 'b', 'c']);
    expect(traceLines('')).toEqual(['']);
  });

  it('finds lines case-insensitively', () => {
    const lines = traceLines(TRACE);
    expect(findMatches(lines, 'FILESTREAM')).toEqual([0, 1]);
    expect(findMatches(lines, 'caused by')).toEqual([3, 6]);
    expect(findMatches(lines, '')).toEqual([]);
  });
});

describe('causeSummary', () => {
  it('gives the first Caused by as the root cause and the deepest apart when the chain is longer', () => {
    const trace = [
      'org.apache.kafka.connect.errors.ConnectException: outer',
      '\tat a.B.c(B.java:1)',
      'Caused by: java.io.IOException: middle',
      '\tat d.E.f(E.java:2)',
      'Caused by: java.io.FileNotFoundException: /data/in.txt',
      '\t... 3 more',
    ].join('\n');
    expect(causeSummary(trace)).toEqual({
      first: 'java.io.IOException: middle',
      deepest: 'java.io.FileNotFoundException: /data/in.txt',
    });
  });

  it('has no deepest for a single cause and nothing for a trace without causes', () => {
    expect(causeSummary('x.Y: boom\nCaused by: a.B: only\n')).toEqual({ first: 'a.B: only' });
    expect(causeSummary('x.Y: boom\n\tat q.R.s(R.java:1)')).toEqual({});
    expect(causeSummary(undefined)).toEqual({});
  });
});

describe('oneLineError', () => {
  const trace = [
    'org.apache.kafka.connect.errors.ConnectException: Exiting WorkerSinkTask due to unrecoverable exception.',
    '\tat org.apache.kafka.connect.runtime.WorkerSinkTask.deliverMessages(WorkerSinkTask.java:632)',
    'Caused by: org.apache.kafka.connect.errors.DataException: Converting byte[] failed',
    '\t... 10 more',
    'Caused by: java.io.FileNotFoundException: /data/x.txt (No such file or directory)',
    '\t... 12 more',
  ].join('\n');

  it('is the deepest cause without its package, the same again from the cache', () => {
    expect(oneLineError(trace)).toBe('FileNotFoundException: /data/x.txt (No such file or directory)');
    expect(oneLineError(trace)).toBe('FileNotFoundException: /data/x.txt (No such file or directory)');
  });

  it('is the opening exception when there is no cause, and empty without a trace', () => {
    expect(oneLineError('java.lang.IllegalStateException: boom\n\tat a.B.c(B.java:1)')).toBe(
      'IllegalStateException: boom',
    );
    expect(oneLineError(undefined)).toBe('');
    expect(oneLineError('')).toBe('');
  });
});
