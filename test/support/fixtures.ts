// Helpers over the real Connect 4.0 transcripts for the fidelity replay; parsing lives in transcript.ts.
export {
  loadTranscript as readTranscript,
  type ParsedTranscript as Transcript,
  transcriptFiles as listTranscripts,
} from './transcript.js';

/** The JSON shape of a value: key names and value types, not values. */
export type Shape = string | Shape[] | { [key: string]: Shape };

export function shapeOf(value: unknown, mapKeys = false): Shape {
  if (value === null) return 'null';
  if (Array.isArray(value)) {
    // Element shapes as a set: arrays of one kind of entity have one shape.
    const seen = new Map<string, Shape>();
    for (const v of value) {
      const s = shapeOf(v);
      seen.set(JSON.stringify(s), s);
    }
    return [...seen.values()];
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (mapKeys) {
      // A map whose keys are data (logger names, connector names): the shape of its values only.
      const values = new Map<string, Shape>();
      for (const [, v] of entries) {
        const s = shapeOf(v);
        values.set(JSON.stringify(s), s);
      }
      return { '<key>': [...values.values()] };
    }
    return Object.fromEntries(
      entries.sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, shapeOf(v)]),
    );
  }
  return typeof value;
}
