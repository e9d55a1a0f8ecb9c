// `y` everywhere: copy, then say in the footer what was copied and how (clipboard or OSC 52).
import { useCallback } from 'react';
import { useUiDispatch } from './app-state.js';
import { useServices } from './services.js';

export function useCopy(): (text: string, what: string) => void {
  const { copy } = useServices();
  const dispatch = useUiDispatch();
  return useCallback(
    (text, what) => {
      void copy(text).then((how) =>
        dispatch({ type: 'notice', notice: { tone: 'ok', text: `copied ${what} (${how})` } }),
      );
    },
    [copy, dispatch],
  );
}
