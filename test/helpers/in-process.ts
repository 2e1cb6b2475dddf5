import { main } from '../../src/main.js';
import { createContext } from '../../src/context.js';
import { bufferedStreams } from '../../src/io/buffer-streams.js';
import { scriptedPrompter, type Prompter } from '../../src/io/prompter.js';

export interface InProcessResult {
  code: number;
  stdout: string;
  stderr: string;
  /** Messages of the questions the scripted prompter was asked. */
  asked: string[];
}

export interface InProcessOptions {
  env?: NodeJS.ProcessEnv;
  /** stdin, stdout and stderr are terminals (prompts allowed unless the env says no). */
  tty?: boolean;
  stdin?: string;
  /** Answers for the scripted prompter, in order. */
  answers?: (string | boolean | Error)[];
  prompter?: Prompter;
}

/** One run of `main` in this process, with buffered streams and a scripted prompter. */
export async function runMain(argv: string[], options: InProcessOptions = {}): Promise<InProcessResult> {
  const io = bufferedStreams({ tty: options.tty ?? false, stdin: options.stdin });
  const scripted = scriptedPrompter(options.answers ?? []);
  const ctx = createContext(io, { ...options.env }, '0.0.0-test', undefined, options.prompter ?? scripted);
  const code = await main(argv, ctx);
  return { code, stdout: io.out(), stderr: io.err(), asked: scripted.asked };
}
