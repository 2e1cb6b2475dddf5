import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { Runtime } from '../../runtime.js';
import { CredytError, ExitCode, UsageError } from '../../errors.js';
import { DEFAULT_TOLERANCE_SECONDS, verifySignature } from '../../webhooks/signature.js';
import { action } from '../verb.js';
import { integerArg } from '../parse.js';
import { printRecord } from '../../render/records.js';

export interface WebhooksVerifyOptions {
  secret: string;
  signature: string;
  tolerance: number;
  file?: string;
}

export function registerWebhooksVerify(parent: Command, ctx: Context): void {
  parent
    .command('verify')
    .summary("Check a received delivery's Credyt-Signature against its raw body (offline)")
    .description(
      "Check a received delivery's Credyt-Signature header against its raw body and the destination's " +
        'secret: exit 0 when it matches and is fresh, exit 5 with the reason (bad signature, too old, ' +
        'malformed header) otherwise. Needs no profile and sends nothing.',
    )
    .requiredOption('--secret <whsec>', "the destination's signing secret, whsec_… (credyt webhooks get ID)")
    .requiredOption('--signature <header>', 'the Credyt-Signature header as received: t=…,v0=…')
    .option('--tolerance <seconds>', 'how old (or early) the timestamp may be', integerArg(0, 31_536_000), DEFAULT_TOLERANCE_SECONDS)
    .option('--file <path>', 'the raw request body, byte for byte; - for stdin (the default when piped)')
    .addHelpText(
      'after',
      `
Examples:
  credyt webhooks verify --secret whsec_… --signature 't=1767225600,v0=5f2b…' --file body.json
  printf %s "$BODY" | credyt webhooks verify --secret "$SECRET" --signature "$SIG" --tolerance 600`,
    )
    .action(action(ctx, runWebhooksVerify));
}

async function readBody(rt: Runtime, file: string | undefined): Promise<Buffer> {
  const path = file ?? (rt.io.stdinIsTTY ? undefined : '-');
  if (path === undefined) throw new UsageError('No body to check.', 'Give --file BODY, or pipe the raw body on stdin (--file -).');
  if (path === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of rt.io.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
    return Buffer.concat(chunks);
  }
  try {
    return await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`--file ${path}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
}

export async function runWebhooksVerify(rt: Runtime, opts: WebhooksVerifyOptions): Promise<void> {
  if (opts.secret.trim() === '') throw new UsageError('--secret is empty.', 'Give the whsec_… secret of the destination (credyt webhooks get ID).');
  const body = await readBody(rt, opts.file);
  const now = Math.floor(rt.ctx.now().getTime() / 1000);
  const verdict = verifySignature({ secret: opts.secret, header: opts.signature, body, now, toleranceSeconds: opts.tolerance });
  if (!verdict.ok) {
    const hint = verdict.problem === 'mismatch' ? 'Check the secret, and that the body is the raw bytes received (not re-serialized JSON).' : undefined;
    throw new CredytError(verdict.reason, ExitCode.Validation, hint);
  }
  const result = { valid: true, timestamp: verdict.timestamp, age_seconds: now - verdict.timestamp };
  rt.note('Signature valid');
  printRecord(rt.output, {
    columns: [
      { header: 'VALID', value: (r: typeof result) => String(r.valid) },
      { header: 'TIMESTAMP', value: (r) => r.timestamp },
      { header: 'AGE SECONDS', value: (r) => r.age_seconds },
    ],
    row: result,
    json: result,
    id: () => 'valid',
  });
}
