// Runs a state change and commits it before returning, as Ink does for each input event it gets.
// The key queue needs this: a key's handler reads the state the previous key left, and Ink's React
// root would otherwise commit on the scheduler's time (measured: after the next timer turn when the
// machine is busy, so a burst of typed keys lost characters).
//
// Ink does not export its reconciler; this is the same module instance Ink renders with (one file on
// disk, so Node and the bundler both load it once).
import inkReconciler from '../../node_modules/ink/build/reconciler.js';

export function commitNow(change: () => void): void {
  inkReconciler.flushSyncFromReconciler(change);
}
