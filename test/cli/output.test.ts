// Output formats: tables that fit, colour only for terminals, JSON/YAML/name listings, and the
// small pure helpers the commands print through.
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { fileNameFor } from '../../src/cli/commands/export.js';
import { quoteArg } from '../../src/cli/commands/offsets.js';
import { wrap } from '../../src/cli/commands/describe.js';
import { colourEnabled, paint } from '../../src/cli/output/colour.js';
import { renderStructured } from '../../src/cli/output/format.js';
import { type ListingOut, printListing } from '../../src/cli/output/listing.js';
import { type Column, outputWidth, renderTable } from '../../src/cli/output/table.js';
import { MASK } from '../../src/domain/masking.js';
import { redact, secretValues } from '../../src/domain/redact.js';

interface Row {
  name: string;
  state: string;
  n: number;
}
const COLUMNS: Column<Row>[] = [
  { header: 'NAME', value: (r) => r.name, flex: true },
  { header: 'STATE', value: (r) => r.state, colour: (r) => (r.state === 'FAILED' ? 'red' : undefined) },
  { header: 'N', value: (r) => String(r.n), align: 'right' },
];
const ROWS: Row[] = [
  { name: 'orders-sink', state: 'RUNNING', n: 3 },
  { name: '한글-커넥터', state: 'FAILED', n: 12 },
];

describe('renderTable', () => {
  it('pads to the widest cell, counting wide characters as two cells; no trailing spaces', () => {
    expect(renderTable(COLUMNS, ROWS, { colour: false })).toBe(
      'NAME         STATE     N\norders-sink  RUNNING   3\n한글-커넥터  FAILED   12\n',
    );
  });

  it('narrows the flexible columns to fit, cutting with …', () => {
    const out = renderTable(COLUMNS, ROWS, { colour: false, maxWidth: 20 });
    // NAME gets 8 cells: `한글-커…` is 2+2+1+2+1.
    expect(out).toBe('NAME      STATE     N\norders-…  RUNNING   3\n한글-커…  FAILED   12\n');
  });

  it('colours cells (and bold headers) only when asked, never the padding', () => {
    const plain = renderTable(COLUMNS, ROWS, { colour: false });
    expect(plain).not.toContain('\u001b[');
    const coloured = renderTable(COLUMNS, ROWS, { colour: true });
    expect(coloured).toContain('\u001b[31mFAILED\u001b[39m ');
    expect(coloured).toContain('\u001b[1mNAME\u001b[22m');
  });

  it('control characters in values cannot break the layout', () => {
    const out = renderTable(COLUMNS, [{ name: 'a\nb\u001b[2J', state: 'X', n: 1 }], { colour: false });
    expect(out.split('\n')).toHaveLength(3);
    expect(out).not.toContain('\u001b');
  });
});

describe('colour and width decisions', () => {
  it('colour for a TTY only, NO_COLOR and TERM=dumb win, FORCE_COLOR forces', () => {
    expect(colourEnabled({ isTTY: true }, {})).toBe(true);
    expect(colourEnabled({ isTTY: false }, {})).toBe(false);
    expect(colourEnabled({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(colourEnabled({ isTTY: true }, { TERM: 'dumb' })).toBe(false);
    expect(colourEnabled({ isTTY: false }, { FORCE_COLOR: '1' })).toBe(true);
    expect(colourEnabled({ isTTY: true }, { FORCE_COLOR: '0' })).toBe(true);
    expect(paint('x', 'red', false)).toBe('x');
  });

  it('a TTY gives its width (80 when unknown); a pipe is unlimited unless COLUMNS says otherwise', () => {
    expect(outputWidth({ isTTY: true, columns: 132 }, {})).toBe(132);
    expect(outputWidth({ isTTY: true }, {})).toBe(80);
    expect(outputWidth({ isTTY: false }, {})).toBeUndefined();
    expect(outputWidth({ isTTY: false }, { COLUMNS: '100' })).toBe(100);
    expect(outputWidth({ isTTY: false }, { COLUMNS: 'wide' })).toBeUndefined();
  });
});

describe('printListing', () => {
  const capture = (): ListingOut & { out: string; err: string } => {
    const c = {
      out: '',
      err: '',
      table: { colour: false },
      write: (t: string) => {
        c.out += t;
      },
      warn: (t: string) => {
        c.err += `${t}\n`;
      },
    };
    return c;
  };
  const listing = (rows: Row[]) => ({
    noun: 'things',
    rows,
    columns: COLUMNS,
    wide: [...COLUMNS, { header: 'EXTRA', value: () => 'e' }],
    json: (r: Row) => ({ name: r.name, n: r.n }),
    name: (r: Row) => r.name,
  });

  it('json, yaml and name are machine-readable', () => {
    const j = capture();
    printListing(listing(ROWS), 'json', j);
    expect(JSON.parse(j.out)).toEqual([
      { name: 'orders-sink', n: 3 },
      { name: '한글-커넥터', n: 12 },
    ]);
    const y = capture();
    printListing(listing(ROWS), 'yaml', y);
    expect(parseYaml(y.out)).toEqual(JSON.parse(j.out));
    const n = capture();
    printListing(listing(ROWS), 'name', n);
    expect(n.out).toBe('orders-sink\n한글-커넥터\n');
  });

  it('wide adds columns; an empty table prints nothing and says so on stderr; empty json is []', () => {
    const w = capture();
    printListing(listing(ROWS), 'wide', w);
    expect(w.out.split('\n')[0]).toMatch(/EXTRA$/);
    const e = capture();
    printListing(listing([]), 'table', e);
    expect(e.out).toBe('');
    expect(e.err).toBe('no things found\n');
    const ej = capture();
    printListing(listing([]), 'json', ej);
    expect(ej.out).toBe('[]\n');
  });

  it('YAML keeps strings that look like other types as strings', () => {
    const text = renderStructured({ a: '1', b: 'true', c: 'null', d: '0x1F' }, 'yaml');
    expect(parseYaml(text)).toEqual({ a: '1', b: 'true', c: 'null', d: '0x1F' });
  });
});

describe('redaction of secrets in worker text', () => {
  it('finds whole secret values and the secret parts of URIs and JAAS lines', () => {
    const config = {
      'db.password': 'hunter22',
      'connection.url': 'mongodb://app:pw-in-uri@db:27017',
      'sasl.jaas.config':
        'org.apache.kafka.common.security.plain.PlainLoginModule required username="u" password="jaas-pw";',
      topics: 'orders',
      'short.password': 'ab',
    };
    const secrets = secretValues(config);
    expect(secrets.sort()).toEqual(['hunter22', 'jaas-pw', 'pw-in-uri'].sort());
    expect(redact('Invalid value hunter22 for password; tried mongodb://app:pw-in-uri@db', secrets)).toBe(
      `Invalid value ${MASK} for password; tried mongodb://app:${MASK}@db`,
    );
  });
});

describe('small helpers', () => {
  it('export file names keep names readable and never collide', () => {
    expect(fileNameFor('orders-sink')).toBe('orders-sink');
    expect(fileNameFor('legacy/crm sync')).toBe('legacy%2Fcrm sync');
    expect(fileNameFor('50%-a')).toBe('50%25-a');
    expect(fileNameFor('50%2F')).not.toBe(fileNameFor('50/'));
    expect(fileNameFor('what?*')).toBe('what%3F%2A');
    expect(fileNameFor('.hidden')).toBe('%2Ehidden');
    expect(fileNameFor('한글-🚀')).toBe('한글-🚀');
  });

  it('quoteArg quotes for the shell only when needed', () => {
    expect(quoteArg('orders-sink')).toBe('orders-sink');
    expect(quoteArg("it's a sink")).toBe(`'it'\\''s a sink'`);
  });

  it('wrap breaks documentation at word boundaries', () => {
    expect(wrap('one two three four', 9)).toEqual(['one two', 'three', 'four']);
    expect(wrap('a\nb', 80)).toEqual(['a', 'b']);
  });
});
