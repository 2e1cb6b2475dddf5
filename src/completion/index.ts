import type { Command } from 'commander';
import { completionSpec } from './spec.js';
import { bashScript } from './bash.js';
import { zshScript } from './zsh.js';
import { fishScript } from './fish.js';

import type { Shell } from './shells.js';

export { SHELLS, SCRIPT_FILES, type Shell } from './shells.js';

/** The completion script of a shell, generated from the program's command tree. */
export function completionScript(program: Command, shell: Shell, helpTopics: string[]): string {
  const spec = completionSpec(program, helpTopics);
  if (shell === 'bash') return bashScript(spec);
  if (shell === 'zsh') return zshScript(spec);
  return fishScript(spec);
}
