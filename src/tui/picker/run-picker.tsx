// Shows the picker full-screen (the terminal's alternate screen, so the shell's scrollback is
// untouched and the results print below the command line afterwards) and resolves with the choice.
import { render } from 'ink';
import { Picker, type PickerProps } from './Picker.js';
import type { PickerResult } from './picker-state.js';

export type { PickerItem } from './Picker.js';
export type { ConfirmMode, PickerResult } from './picker-state.js';

export async function runPicker(props: PickerProps): Promise<PickerResult> {
  const instance = render(<Picker {...props} />, {
    alternateScreen: true,
    // Ink treats CI=true as non-interactive; the caller has checked that this is a terminal.
    interactive: true,
    // Ctrl-C is a key here (abort, exit 130), handled by the picker itself.
    exitOnCtrlC: false,
    patchConsole: false,
    incrementalRendering: true,
  });
  const result = (await instance.waitUntilExit()) as PickerResult | undefined;
  // Ink leaves stdin flowing; the command goes on without reading it, so let it go.
  process.stdin.pause();
  return result ?? { kind: 'aborted' };
}
