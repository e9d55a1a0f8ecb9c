// Ink styles through chalk, which turns every style off when CI is set (it guesses a log file), so
// a full-screen view in a real terminal would lose inverse video: no visible selection. Called before
// Ink loads by every command that takes over the terminal; colour itself still follows NO_COLOR.
export function keepStylesInTerminal(env: NodeJS.ProcessEnv = process.env): void {
  if (env.CI !== undefined && env.FORCE_COLOR === undefined) env.FORCE_COLOR = '1';
}
