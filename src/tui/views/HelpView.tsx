// `?`: the keys of the view it was opened from, generated from the keymap table that binds them.
import type { ReactNode } from 'react';
import type { Capabilities } from '../../connect/version.js';
import { bindingsFor, type ViewId } from '../keymap.js';
import { formatKey } from '../keys.js';
import { COMMANDS } from '../components/CommandLine.js';
import { TextPager } from '../components/TextPager.js';
import { fitCells } from '../../domain/text-fit.js';
import { useServices } from '../services.js';

export function helpLines(of: ViewId, readonly: boolean, caps?: Capabilities): string[] {
  const lines = [`Keys in the ${of} view`, ''];
  for (const b of bindingsFor(of)) {
    const keys = b.keys.map(formatKey).join(' / ');
    const missing = b.feature ? caps?.reason(b.feature) : undefined;
    const note = b.mutating && readonly ? ' (disabled: read-only)' : missing ? ` (disabled: ${missing})` : '';
    lines.push(`${fitCells(keys, 14)} ${b.description}${note}`);
  }
  lines.push('', `Ctrl-C quits from anywhere. Commands after ":": ${COMMANDS.join(', ')}.`);
  return lines;
}

export function HelpView({ of, height }: { of: ViewId; height: number }): ReactNode {
  const { context, client } = useServices();
  return (
    <TextPager
      view="help"
      lines={helpLines(of, context.readonly, client.knownCapabilities)}
      height={height}
    />
  );
}
