import { CancelledError } from '../errors.js';

/** One question with a typed-in answer. */
export interface TextQuestion {
  message: string;
  default?: string;
  /** `true` when the answer is acceptable, else the message shown under the prompt. */
  validate?: (value: string) => true | string;
}

export interface ConfirmQuestion {
  message: string;
  default?: boolean;
}

/**
 * Asks a person at a terminal. Verbs never call @inquirer/prompts directly: they get a
 * Prompter through the Context, so in-process tests hand in a scripted one. A Prompter
 * is only used after `promptsAllowed` said yes; Ctrl-C at a prompt rejects with
 * CancelledError (exit 130).
 */
export interface Prompter {
  /** A line of text. */
  text(question: TextQuestion): Promise<string>;
  /** A secret: the answer is masked on screen. */
  secret(question: TextQuestion): Promise<string>;
  confirm(question: ConfirmQuestion): Promise<boolean>;
}

/** What decides whether a run may prompt. */
export interface PromptPolicyInput {
  stdinIsTTY: boolean;
  stdoutIsTTY: boolean;
  /** commander's `--no-input` sets `input: false`. */
  input?: boolean;
  env: NodeJS.ProcessEnv;
}

/** An environment flag counts when it is set to anything but '', '0' or 'false'. */
export function envFlag(value: string | undefined): boolean {
  return value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';
}

/**
 * Prompts are for people: only when stdin and stdout are terminals and neither
 * `--no-input`, CREDYT_NO_INPUT nor CI says otherwise (DESIGN.md).
 */
export function promptsAllowed(p: PromptPolicyInput): boolean {
  if (!p.stdinIsTTY || !p.stdoutIsTTY) return false;
  if (p.input === false) return false;
  return !envFlag(p.env.CREDYT_NO_INPUT) && !envFlag(p.env.CI);
}

export interface InquirerPrompterOptions {
  input: NodeJS.ReadableStream;
  /** Where prompts are drawn: stderr, so stdout keeps carrying data only. */
  output: NodeJS.WritableStream;
  /** 0 draws prompts without colour (stderr is not a terminal, or NO_COLOR). */
  color: number;
  signal?: AbortSignal;
}

/**
 * The real Prompter, on @inquirer/prompts. The library is imported on the first question,
 * so commands that never prompt (and `--help`) do not pay for loading it.
 */
export function inquirerPrompter(options: InquirerPrompterOptions): Prompter {
  // Read at the first question, not here: options.input may be a getter of process.stdin,
  // which Node builds on first use.
  const context = () => ({ input: options.input, output: options.output, signal: options.signal });
  const theme = options.color > 0 ? undefined : PLAIN_THEME;
  const load = () => import('@inquirer/prompts');
  return {
    text: (q) => cancellable(load().then((p) => p.input({ message: q.message, default: q.default, validate: q.validate, theme }, context()))),
    secret: (q) =>
      cancellable(load().then((p) => p.password({ message: q.message, mask: '*', validate: q.validate, theme }, context()))),
    confirm: (q) => cancellable(load().then((p) => p.confirm({ message: q.message, default: q.default, theme }, context()))),
  };
}

const plain = (text: string) => text;

/** Inquirer's default theme minus colour, for a stderr that is not a terminal. */
const PLAIN_THEME = {
  prefix: { idle: '?', done: '✔' },
  style: {
    answer: plain,
    message: plain,
    error: (text: string) => `> ${text}`,
    defaultAnswer: (text: string) => `(${text})`,
    help: plain,
    highlight: plain,
    key: plain,
  },
};

/** Ctrl-C (ExitPromptError) or an aborted run (AbortPromptError) is a cancellation. */
async function cancellable<T>(answer: Promise<T>): Promise<T> {
  try {
    return await answer;
  } catch (error) {
    const name = (error as { name?: unknown } | null)?.name;
    if (name === 'ExitPromptError' || name === 'AbortPromptError') throw new CancelledError('Cancelled at the prompt.');
    throw error;
  }
}

/**
 * A Prompter that answers from a script, for in-process tests: each call takes the next
 * answer; a question with no answer left fails the test. `asked` records the messages.
 */
export function scriptedPrompter(answers: (string | boolean | Error)[]): Prompter & { asked: string[] } {
  const queue = [...answers];
  const asked: string[] = [];
  const next = async (message: string, validate?: (v: string) => true | string): Promise<string | boolean> => {
    asked.push(message);
    if (queue.length === 0) throw new Error(`unexpected prompt: ${message}`);
    const answer = queue.shift()!;
    if (answer instanceof Error) throw answer;
    if (typeof answer === 'string' && validate) {
      const verdict = validate(answer);
      if (verdict !== true) throw new Error(`scripted answer ${JSON.stringify(answer)} to "${message}" is invalid: ${verdict}`);
    }
    return answer;
  };
  return {
    asked,
    text: async (q) => String((await next(q.message, q.validate)) || q.default || ''),
    secret: async (q) => String(await next(q.message, q.validate)),
    confirm: async (q) => Boolean(await next(q.message)),
  };
}
