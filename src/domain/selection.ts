// The list selection follows the connector, not the row number: when a refresh, a sort or a filter
// moves rows around, the cursor stays on the same name, or on its neighbour when that name is gone.
// Marks are immutable Sets so a reducer can hold them.

/**
 * Index of `prevName` in `visibleNames`; if it is no longer visible, the row now at `prevIndex`
 * (clamped to the list), so the cursor lands where the vanished row was. -1 for an empty list.
 */
export function followSelection(
  prevName: string | undefined,
  prevIndex: number,
  visibleNames: { readonly length: number; indexOf(name: string): number },
): number {
  if (visibleNames.length === 0) return -1;
  if (prevName !== undefined) {
    const i = visibleNames.indexOf(prevName);
    if (i >= 0) return i;
  }
  return Math.min(Math.max(prevIndex, 0), visibleNames.length - 1);
}

export function toggleMark(marks: ReadonlySet<string>, name: string): Set<string> {
  const next = new Set(marks);
  if (!next.delete(name)) next.add(name);
  return next;
}

/** Marks every visible name; when all of them are already marked, unmarks them instead (`a` again). */
export function markAll(marks: ReadonlySet<string>, visible: readonly string[]): Set<string> {
  const next = new Set(marks);
  if (visible.length > 0 && visible.every((n) => marks.has(n))) {
    for (const n of visible) next.delete(n);
  } else {
    for (const n of visible) next.add(n);
  }
  return next;
}

/**
 * Drops marks of connectors that no longer exist (deleted by someone else), so an action never
 * targets a name that is gone. Returns the same Set when nothing was dropped, to spare a re-render.
 */
export function pruneMarks<S extends ReadonlySet<string>>(
  marks: S,
  existing: { has(name: string): boolean },
): S | Set<string> {
  let pruned: Set<string> | undefined;
  for (const name of marks) {
    if (existing.has(name)) continue;
    pruned ??= new Set(marks);
    pruned.delete(name);
  }
  return pruned ?? marks;
}

/** Marked names the current filter hides: the confirm dialog warns about them. */
export function hiddenMarks(marks: ReadonlySet<string>, visible: readonly string[]): string[] {
  if (marks.size === 0) return [];
  const shown = new Set(visible);
  return [...marks].filter((m) => !shown.has(m));
}

/** What an action applies to: the marked names (in `order`), else the highlighted one. */
export function actionTargets(
  marks: ReadonlySet<string>,
  current: string | undefined,
  order: readonly string[] = [],
): string[] {
  if (marks.size === 0) return current === undefined ? [] : [current];
  const ordered = order.filter((n) => marks.has(n));
  if (ordered.length === marks.size) return ordered;
  // Marks outside `order` (hidden by a filter) go last, in the order they were marked.
  const seen = new Set(ordered);
  return [...ordered, ...[...marks].filter((m) => !seen.has(m))];
}
