import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * A real pseudo-terminal, as a person would use credyt: a detached tmux session on its own
 * server (a socket in a temporary directory, removed by `close`), started with the given
 * environment. Keys go in with `type`/`press`, the screen comes back with `screen()`.
 */
export class Terminal {
  private readonly dir = mkdtempSync(join(tmpdir(), 'credyt-tmux-'));
  private readonly socket = join(this.dir, 'socket');

  constructor(private readonly env: NodeJS.ProcessEnv) {}

  private tmux(args: string[]): string {
    const r = spawnSync('tmux', ['-S', this.socket, ...args], { env: this.env, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`tmux ${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
  }

  /** Runs `command` (sh syntax) in a 120×40 terminal; its exit code is printed as `[exit N]`. */
  start(command: string, cwd?: string): this {
    const wrapped = `${command}; echo "[exit $?]"; sleep 3600`;
    this.tmux(['new-session', '-d', '-s', 'main', '-x', '120', '-y', '40', ...(cwd ? ['-c', cwd] : []), wrapped]);
    return this;
  }

  /** Types text literally. */
  type(text: string): this {
    this.tmux(['send-keys', '-t', 'main', '-l', text]);
    return this;
  }

  /** Presses keys by tmux name: Enter, Tab, C-c. */
  press(...keys: string[]): this {
    this.tmux(['send-keys', '-t', 'main', ...keys]);
    return this;
  }

  screen(): string {
    return this.tmux(['capture-pane', '-p', '-t', 'main', '-S', '-200']);
  }

  async waitFor(pattern: RegExp, timeoutMs = 15_000): Promise<RegExpMatchArray> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const screen = this.screen();
      const match = pattern.exec(screen);
      if (match) return match;
      if (Date.now() > until) throw new Error(`timed out waiting for ${pattern} on screen:\n${screen}`);
      await sleep(100);
    }
  }

  /** Waits for the command to end; its exit code. */
  async exitCode(timeoutMs = 20_000): Promise<number> {
    return Number((await this.waitFor(/\[exit (\d+)\]/, timeoutMs))[1]);
  }

  /** Stops this terminal's tmux server (and the command in it). */
  close(): void {
    spawnSync('tmux', ['-S', this.socket, 'kill-server'], { env: this.env });
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A word for sh: single-quoted. */
export function sh(word: string): string {
  return `'${word.replaceAll("'", `'\\''`)}'`;
}
