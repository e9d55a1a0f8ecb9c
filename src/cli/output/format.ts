// `-o table|wide|json|yaml|name`: the human table, or a machine-readable form with no colour.
import { stringify } from 'yaml';

import type { OutputFormat } from './formats.js';

export { OUTPUT_FORMATS, type OutputFormat } from './formats.js';

export function isStructured(format: OutputFormat): format is 'json' | 'yaml' {
  return format === 'json' || format === 'yaml';
}

/** JSON with two-space indent, or block YAML with long strings kept on one line. */
export function renderStructured(data: unknown, format: 'json' | 'yaml'): string {
  if (format === 'json') return `${JSON.stringify(data, null, 2)}\n`;
  return stringify(data, { lineWidth: 0, aliasDuplicateObjects: false });
}
