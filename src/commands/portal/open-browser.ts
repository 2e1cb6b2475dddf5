import { spawn } from 'node:child_process';

export interface Opener {
  command: string;
  args: string[];
}

/**
 * The system's way to open a URL: `$BROWSER` when set, else `open` (macOS), `start`
 * (Windows, through cmd) or `xdg-open`. The URL is one argument, never parsed by a shell
 * (cmd's `^` escapes its few special characters).
 */
export function browserOpener(url: string, env: NodeJS.ProcessEnv, platform: NodeJS.Platform): Opener {
  if (env.BROWSER) return { command: env.BROWSER, args: [url] };
  if (platform === 'darwin') return { command: 'open', args: [url] };
  if (platform === 'win32') return { command: 'cmd', args: ['/c', 'start', '""', url.replace(/[&^|<>]/g, '^$&')] };
  return { command: 'xdg-open', args: [url] };
}

/**
 * Starts the opener and leaves it running on its own. Resolves to an error message
 * when it could not be started (no such program), never throws: a missing browser is
 * not a failure of the command that printed the link.
 */
export function openBrowser(opener: Opener): Promise<string | undefined> {
  return new Promise((resolve) => {
    try {
      const child = spawn(opener.command, opener.args, { stdio: 'ignore', detached: true });
      child.once('error', (error) => resolve(`could not start ${opener.command}: ${error.message}`));
      child.once('spawn', () => {
        child.unref();
        resolve(undefined);
      });
    } catch (error) {
      resolve(`could not start ${opener.command}: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
}
