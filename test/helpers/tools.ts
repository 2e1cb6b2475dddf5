import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Where the portal tests find Debian's Chromium (never a downloaded browser). */
export const CHROMIUM = '/usr/bin/chromium';

const INSTALL: Record<string, string> = {
  bash: 'apt-get install -y bash',
  zsh: 'apt-get install -y zsh',
  fish: 'apt-get install -y fish',
  tmux: 'apt-get install -y tmux',
  chromium: 'apt-get install -y --no-install-recommends chromium',
};

function present(tool: string): boolean {
  if (tool === 'chromium') return existsSync(CHROMIUM);
  return spawnSync(tool, tool === 'tmux' ? ['-V'] : ['-c', 'exit 0']).status === 0;
}

/**
 * Whether the tests that need `tool` can run here. On a developer's machine a missing tool
 * skips them with one line on stderr saying what is missing and how to install it, so
 * `npm test` passes on a fresh machine with only Node and npm. With `CI` set the tool is
 * required (`.ci/run` installs it): a missing one fails loudly instead of skipping.
 */
export function haveTool(tool: string, what: string): boolean {
  if (present(tool)) return true;
  const line = `${what}: ${tool} is not installed (${INSTALL[tool] ?? `install ${tool}`}, as .ci/run does)`;
  if (process.env.CI) throw new Error(`CI is set, so these tests are required: ${line}`);
  console.warn(`SKIPPED ${line}`);
  return false;
}
