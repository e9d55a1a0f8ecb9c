// Copy to the clipboard: the system clipboard where there is one, else OSC 52 written straight
// to the terminal (the terminal, even over SSH, puts it on the local clipboard).
const OSC52_MAX = 74_994; // what most terminals accept; longer payloads are cut

export function osc52(
  text: string,
  env: NodeJS.ProcessEnv = process.env,
): { sequence: string; truncated: boolean } {
  let payload = Buffer.from(text, 'utf8').toString('base64');
  const truncated = payload.length > OSC52_MAX;
  if (truncated) payload = payload.slice(0, OSC52_MAX - (OSC52_MAX % 4));
  const osc = `\u001b]52;c;${payload}\u0007`;
  // Multiplexers swallow OSC sequences unless passed through in a DCS wrapper.
  if (env.TMUX)
    return { sequence: `\u001bPtmux;${osc.replaceAll('\u001b', '\u001b\u001b')}\u001b\\`, truncated };
  if ((env.TERM ?? '').startsWith('screen')) return { sequence: `\u001bP${osc}\u001b\\`, truncated };
  return { sequence: osc, truncated };
}

function hasSystemClipboard(env: NodeJS.ProcessEnv): boolean {
  if (env.SSH_CONNECTION || env.SSH_TTY) return false;
  if (process.platform === 'linux') return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
  return true;
}

export async function copyToClipboard(
  text: string,
  write: (sequence: string) => void = (s) => process.stdout.write(s),
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  if (hasSystemClipboard(env)) {
    try {
      const { default: clipboard } = await import('clipboardy');
      await clipboard.write(text);
      return 'clipboard';
    } catch {
      // No usable clipboard tool after all: fall through to the terminal.
    }
  }
  const { sequence, truncated } = osc52(text, env);
  write(sequence);
  return truncated ? 'OSC 52, truncated to ~55 kB' : 'OSC 52';
}
