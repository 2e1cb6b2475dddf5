import { resolve } from 'node:path';
import { json } from './cli.js';

// Five video customers and their usage lines, shared by the bulk tests spawned
// (test/e2e/pipeline.test.ts) and in-process (test/commands/bulk-files.test.ts).

/** What runs a credyt command: a spawned sandbox or an in-process one. */
export interface Runner {
  run(args: string[], options?: { env?: NodeJS.ProcessEnv }): Promise<{ code: number | null; stdout: string; stderr: string }>;
}

const VIDEO = resolve(import.meta.dirname, '../../examples/products/video.json');
export const CUSTOMERS = ['v1', 'v2', 'v3', 'v4', 'v5'];

/** `n` usage lines of video_promoted (0.50 USD each), customers in turn, no ids. */
export function usageLines(n: number, from = 0): string[] {
  const lines: string[] = [];
  for (let i = from; i < from + n; i++) {
    lines.push(JSON.stringify({ customer: CUSTOMERS[i % CUSTOMERS.length], type: 'video_promoted', subject: `vid_${i}` }));
  }
  return lines;
}

/** Balance of default:USD after `n` lines from 0: each customer pays 0.5 per line of theirs. */
export function expectedBalances(n: number): Record<string, number> {
  const out: Record<string, number> = {};
  CUSTOMERS.forEach((c, k) => (out[c] = -0.5 * Math.floor((n - k + CUSTOMERS.length - 1) / CUSTOMERS.length)));
  return out;
}

export async function setUp(box: Runner, env: NodeJS.ProcessEnv = {}): Promise<void> {
  const ok = async (args: string[]) => {
    const r = await box.run(args, { env });
    if (r.code !== 0) throw new Error(`credyt ${args.join(' ')} → ${r.code}\n${r.stderr}`);
  };
  await ok(['products', 'create', '--file', VIDEO, '--publish']);
  for (const c of CUSTOMERS) await ok(['customers', 'create', '--name', c, '--external-id', c, '--product', 'glitch_video_std']);
}

export async function balances(box: Runner, env: NodeJS.ProcessEnv = {}): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const c of CUSTOMERS) {
    const r = await box.run(['wallet', 'account', c, 'default:USD', '-o', 'json'], { env });
    out[c] = Number(json(r).available);
  }
  return out;
}

export function counts(result: { stdout: string }): Record<string, number> {
  const tally: Record<string, number> = {};
  for (const line of result.stdout.split('\n').filter(Boolean)) {
    const r = JSON.parse(line) as { ok: boolean; status?: string };
    const key = r.ok ? r.status! : 'failed';
    tally[key] = (tally[key] ?? 0) + 1;
  }
  return tally;
}

