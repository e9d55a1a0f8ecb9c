// `kcx validate -f FILE`: each connector of the files against its plugin, nothing applied.
import type { ConnectClient } from '../../connect/client.js';
import type { ConnectorSpec } from '../../domain/config-files.js';
import { EXIT_FAILED } from '../failure.js';
import { paint } from '../output/colour.js';
import { isStructured, type OutputFormat, renderStructured } from '../output/format.js';
import type { Out } from './common.js';
import { errorCount, validateAll, validationLines } from './validation.js';

export async function runValidate(
  client: ConnectClient,
  specs: readonly ConnectorSpec[],
  output: OutputFormat,
  out: Out,
): Promise<number> {
  const results = await validateAll(client, specs);
  const invalid = results.filter((v) => !v.valid);
  if (isStructured(output)) {
    const data = results.map((v) => ({
      name: v.name,
      valid: v.valid,
      ...(v.failure ? { failure: v.failure } : {}),
      errors: Object.fromEntries(v.errors.map((e) => [e.key, e.messages])),
    }));
    out.write(renderStructured(data, output));
  } else {
    const width = Math.max(...results.map((v) => v.name.length));
    const c = out.table.colour;
    for (const v of results) {
      const n = errorCount(v);
      const verdict = v.valid
        ? paint('valid', 'green', c)
        : `${paint('invalid', 'red', c)} (${n} error${n === 1 ? '' : 's'})`;
      out.write(`${v.name.padEnd(width)}  ${verdict}\n`);
      for (const line of validationLines(v)) out.write(`${line}\n`);
    }
  }
  if (invalid.length > 0) {
    out.warn(`${invalid.length} of ${results.length} connector${results.length === 1 ? '' : 's'} invalid`);
    return EXIT_FAILED;
  }
  return 0;
}
