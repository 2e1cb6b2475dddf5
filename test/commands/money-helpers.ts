import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/main.js';
import { createContext } from '../../src/context.js';
import { bufferedStreams } from '../../src/io/buffer-streams.js';
import { scriptedPrompter } from '../../src/io/prompter.js';
import type { InProcessResult } from '../helpers/in-process.js';
import { parseJsonDecimal } from '../../src/json/parse.js';

/** A fresh embedded ledger in a temp dir, and in-process runs of credyt against it. */
export interface Ledger {
  dir: string;
  run(args: string[], stdin?: string): Promise<InProcessResult>;
  /** A run whose clock (the embedded engine's too) is `now`. */
  runAt(now: () => Date, args: string[]): Promise<InProcessResult>;
  /** Runs and fails the test unless the exit code is 0. */
  ok(args: string[], stdin?: string): Promise<InProcessResult>;
  /** Writes `name` in the ledger's dir and answers its path. */
  file(name: string, text: string): string;
  /** `available` of a wallet account (`default:USD`), as exact text. */
  available(customer: string, account: string): Promise<string>;
}

export function ledger(): Ledger {
  const dir = mkdtempSync(join(tmpdir(), 'credyt-money-'));
  const env = { CREDYT_CONFIG_DIR: join(dir, 'config'), CREDYT_DB: join(dir, 'local.db') };
  const runAt = async (now: () => Date, args: string[], stdin?: string) => {
    const io = bufferedStreams({ stdin });
    const ctx = createContext(io, { ...env }, '0.0.0-test', undefined, scriptedPrompter([]));
    ctx.now = now;
    const code = await main(args, ctx);
    return { code, stdout: io.out(), stderr: io.err(), asked: [] };
  };
  const run = (args: string[], stdin?: string) => runAt(() => new Date(), args, stdin);
  const ok = async (args: string[], stdin?: string) => {
    const r = await run(args, stdin);
    if (r.code !== 0) throw new Error(`credyt ${args.join(' ')} → ${r.code}\n${r.stderr}`);
    return r;
  };
  return {
    dir,
    run,
    runAt,
    ok,
    file(name, text) {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    },
    async available(customer, account) {
      const r = await run(['wallet', 'account', customer, account, '-o', 'json']);
      if (r.code === 4) return '0';
      if (r.code !== 0) throw new Error(`wallet account ${customer} ${account} → ${r.code}\n${r.stderr}`);
      return String((parseJsonDecimal(r.stdout) as { available: unknown }).available);
    },
  };
}

/** The `-o jsonl` lines of a bulk run, parsed. */
export function jsonl(r: InProcessResult): Record<string, unknown>[] {
  return r.stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}
