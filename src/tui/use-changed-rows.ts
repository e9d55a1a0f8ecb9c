// Rows whose state changed since the previous refresh, highlighted for a few seconds. The changed
// set is worked out while rendering the refresh itself, so the refresh frame already carries the
// highlight: one frame per refresh, not the refresh and then a repaint of the same row.
import { useEffect, useRef, useState } from 'react';
import { diffSnapshots, touchedNames } from '../domain/diff.js';
import type { ClusterSnapshot } from '../domain/snapshot.js';
import { usePollerState } from './services.js';

const HIGHLIGHT_MS = 3000;
const NONE: ReadonlySet<string> = new Set();

export function useChangedRows(): ReadonlySet<string> {
  const { snapshot } = usePollerState();
  const seen = useRef<{ snapshot: ClusterSnapshot | undefined; touched: ReadonlySet<string> }>({
    snapshot,
    touched: NONE,
  });
  const [expired, setExpired] = useState<ReadonlySet<string>>(NONE);
  if (seen.current.snapshot !== snapshot) {
    // The poller hands out a new snapshot object only when something changed.
    const before = seen.current.snapshot;
    const touched = before && snapshot ? touchedNames(diffSnapshots(before, snapshot)) : NONE;
    seen.current = { snapshot, touched: touched.size > 0 ? touched : seen.current.touched };
  }
  const { touched } = seen.current;
  useEffect(() => {
    if (touched.size === 0) return;
    const timer = setTimeout(() => setExpired(touched), HIGHLIGHT_MS);
    return () => clearTimeout(timer);
  }, [touched]);
  return touched === expired ? NONE : touched;
}
