// The offsets file `kcx offsets alter -f` reads: what `kcx offsets get -o json` prints (and
// `GET /connectors/{name}/offsets` returns), `{"offsets": [{"partition": {…}, "offset": {…}|null}]}`,
// or just the list. Checked here because the worker answers a wrong shape with a bare 500.
import type { ConnectorOffset } from '../connect/types.js';
import { InputError } from './input-error.js';
import { parseJsonText } from './json-text.js';

export function parseOffsetsFile(text: string, file: string): ConnectorOffset[] {
  if (text.trim() === '') throw new InputError('the file is empty', { file });
  const value = parseJsonText(text, file);
  const list = Array.isArray(value) ? value : isObject(value) ? value.offsets : undefined;
  if (isObject(value) && Object.keys(value).some((k) => k !== 'offsets')) {
    throw new InputError('expected {"offsets": [...]} with no other keys', { file });
  }
  if (!Array.isArray(list))
    throw new InputError('expected {"offsets": [...]} or a list of offsets', { file });
  if (list.length === 0)
    throw new InputError('the offsets list is empty: nothing to alter (use kcx offsets reset to reset all)', {
      file,
    });
  return list.map((entry, i) => {
    const where = `offsets[${i}]`;
    if (!isObject(entry))
      throw new InputError(`${where} must be {"partition": {…}, "offset": {…}}`, { file });
    for (const key of Object.keys(entry)) {
      if (key !== 'partition' && key !== 'offset') {
        throw new InputError(`${where} has an unknown key "${key}" (only partition and offset)`, { file });
      }
    }
    if (!isObject(entry.partition)) throw new InputError(`${where}.partition must be an object`, { file });
    if (!('offset' in entry))
      throw new InputError(`${where} needs an offset (an object, or null to reset)`, { file });
    if (entry.offset !== null && !isObject(entry.offset)) {
      throw new InputError(`${where}.offset must be an object or null`, { file });
    }
    return { partition: entry.partition, offset: entry.offset as Record<string, unknown> | null };
  });
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
