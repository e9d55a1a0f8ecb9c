// Imported before Ink: chalk decides its colour level when it is first loaded, and under a test
// runner (stdout not a TTY) it would emit no escapes at all — no colours and no inverse video, so
// neither the selected row nor a NO_COLOR regression could be seen. The harness restores the
// variable once Ink is loaded, so nothing else in the process sees it.
export const previousForceColor = process.env.FORCE_COLOR;
process.env.FORCE_COLOR = '1';
