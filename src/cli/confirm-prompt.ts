// The y/N question before a bulk action, on the terminal. The default is No: only "y"/"yes" goes
// ahead. On a production context a delete asks for the context's name to be typed instead.
import { createInterface } from 'node:readline';

export type ConfirmAnswer = 'yes' | 'no' | 'aborted';

export interface ConfirmIo {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
}

/**
 * `question` ends with the prompt text; with `typeToConfirm`, only that exact text confirms.
 * Ctrl-C answers 'aborted'; end of input (Ctrl-D) answers 'no'.
 */
export function askConfirm(
  question: string,
  options: { typeToConfirm?: string } = {},
  io: ConfirmIo = { input: process.stdin, output: process.stderr },
): Promise<ConfirmAnswer> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: io.input, output: io.output, terminal: true });
    let answered = false;
    const finish = (answer: ConfirmAnswer) => {
      if (answered) return;
      answered = true;
      rl.close();
      resolve(answer);
    };
    rl.on('SIGINT', () => {
      io.output.write('\n');
      finish('aborted');
    });
    rl.on('close', () => finish('no'));
    rl.question(question, (text) => {
      const typed = text.trim();
      if (options.typeToConfirm !== undefined) finish(typed === options.typeToConfirm ? 'yes' : 'no');
      else finish(/^y(es)?$/i.test(typed) ? 'yes' : 'no');
    });
  });
}
