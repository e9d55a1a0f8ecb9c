// `kcx emulator` / `kcx demo` (until the TUI lands): serve the emulated cluster until Ctrl-C.
import { startEmulator } from '../emulator/index.js';

export interface EmulatorCommandOptions {
  host: string;
  port: number;
  connectors: number;
  version: string;
  workers: number;
  seed: number;
  startDelay: number;
}

export async function runEmulatorCommand(opts: EmulatorCommandOptions): Promise<void> {
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  try {
    emulator = await startEmulator({
      host: opts.host,
      port: opts.port,
      connectors: opts.connectors,
      version: opts.version,
      workers: opts.workers,
      seed: opts.seed,
      startDelayMs: opts.startDelay,
    });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'EADDRINUSE' ? `port ${opts.port} is already in use (try --port 0)` : (err as Error).message;
    process.stderr.write(`kcx: cannot start the emulator: ${why}\n`);
    process.exitCode = 1;
    return;
  }
  process.stdout.write(
    `Kafka Connect ${opts.version} emulator listening on ${emulator.url} with ${emulator.cluster.size} connectors on ${opts.workers} workers.\n` +
      `Try: curl -s '${emulator.url}/connectors?expand=status' | head -c 400\nCtrl-C to stop.\n`,
  );
  const stop = async () => {
    await emulator.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
