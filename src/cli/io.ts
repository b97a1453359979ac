import { createInterface } from "node:readline/promises";

/** Where a command writes its output and messages, and reads the answers it asks for. */
export interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
  /** Where `handouts new` reads the answers the options do not give; absent when there is nobody to ask. */
  answers?: () => AnswerSource;
}

/**
 * Answers to questions: typed at a terminal (a wrong one can be asked again), or read one per line from
 * standard input piped in by a script (in the order asked; undefined once it ends).
 */
export interface AnswerSource {
  interactive: boolean;
  next(question: string): Promise<string | undefined>;
  close(): void;
}

export const defaultIo: Io = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  answers: () => (process.stdin.isTTY ? terminalAnswers() : pipedAnswers()),
};

function terminalAnswers(): AnswerSource {
  const terminal = createInterface({ input: process.stdin, output: process.stderr });
  return { interactive: true, next: (question) => terminal.question(question), close: () => terminal.close() };
}

function pipedAnswers(): AnswerSource {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity })[Symbol.asyncIterator]();
  return {
    interactive: false,
    next: async () => {
      const line = await lines.next();
      return line.done ? undefined : line.value;
    },
    close: () => {
      void lines.return?.();
      process.stdin.destroy();
    },
  };
}
