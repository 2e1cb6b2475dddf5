import { createProgram } from '../main.js';
import { createContext } from '../context.js';
import { bufferedStreams } from '../io/buffer-streams.js';
import { HELP_TOPICS } from '../commands/help/topics.js';
import { completionScript } from './index.js';
import { SCRIPT_FILES, SHELLS, type Shell } from './shells.js';

/**
 * The three scripts as committed in `completions/`, from a program built with a neutral
 * context (`npm run completions` writes them; a test checks they are current).
 */
export async function generateCompletions(version = '0.0.0'): Promise<{ shell: Shell; file: string; text: string }[]> {
  const program = await createProgram(createContext(bufferedStreams(), {}, version));
  return SHELLS.map((shell) => ({ shell, file: SCRIPT_FILES[shell], text: completionScript(program, shell, Object.keys(HELP_TOPICS)) }));
}
