// Rows whose state changed since the previous refresh, highlighted for a few seconds.
import { useEffect, useRef, useState } from 'react';
import { diffSnapshots, touchedNames } from '../domain/diff.js';
import type { ClusterSnapshot } from '../domain/snapshot.js';
import { usePollerState } from './services.js';

const HIGHLIGHT_MS = 3000;
const NONE: ReadonlySet<string> = new Set();

export function useChangedRows(): ReadonlySet<string> {
  const { snapshot } = usePollerState();
  const previous = useRef<ClusterSnapshot | undefined>(undefined);
  const [changed, setChanged] = useState<ReadonlySet<string>>(NONE);
  useEffect(() => {
    const before = previous.current;
    previous.current = snapshot;
    if (!before || !snapshot || before === snapshot) return;
    const touched = touchedNames(diffSnapshots(before, snapshot));
    if (touched.size === 0) return;
    setChanged(touched);
    const timer = setTimeout(() => setChanged(NONE), HIGHLIGHT_MS);
    return () => clearTimeout(timer);
  }, [snapshot]);
  return changed;
}
