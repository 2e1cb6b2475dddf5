import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, sandbox, serve, type Sandbox, type Served } from '../helpers/cli.js';
import { webhookReceiver, type Receiver } from '../helpers/webhook-receiver.js';
import { runMain } from '../helpers/in-process.js';
import { verifySignature } from '../../src/webhooks/signature.js';

interface Listening {
  child: ChildProcess;
  lines: string[];
  stderr: () => string;
  /** Resolves with the first stdout line that passes `test`. */
  line(test: (line: string) => boolean, ms?: number): Promise<string>;
  /** SIGINT; resolves with the exit code. */
  interrupt(): Promise<number | null>;
}

/** `credyt listen …` as a real process; resolves once it printed "Ready". */
function listen(env: NodeJS.ProcessEnv, args: string[]): Promise<Listening> {
  const child = spawn(process.execPath, [BIN, 'listen', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let stderr = '';
  createInterface({ input: child.stdout! }).on('line', (l) => lines.push(l));
  const closed = new Promise<number | null>((resolve) => child.once('close', resolve));
  const listening: Listening = {
    child,
    lines,
    stderr: () => stderr,
    async line(test, ms = 15_000) {
      const until = Date.now() + ms;
      for (;;) {
        const found = lines.find(test);
        if (found !== undefined) return found;
        if (Date.now() > until) throw new Error(`no such line from listen; stdout:\n${lines.join('\n')}\nstderr:\n${stderr}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    interrupt: () => {
      child.kill('SIGINT');
      return closed;
    },
  };
  return new Promise((resolve, reject) => {
    child.stderr!.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
      if (stderr.includes('Press Ctrl-C')) resolve(listening);
    });
    closed.then((code) => reject(new Error(`listen exited ${code} before Ready: ${stderr}`)));
  });
}

const secretOf = (stderr: string) => /Signing secret: (whsec_\S+)/.exec(stderr)![1]!;

describe('credyt listen + trigger (real processes)', () => {
  const box: Sandbox = sandbox();
  let receiver: Receiver | undefined;
  let server: Served | undefined;
  const children: ChildProcess[] = [];
  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    server?.child.kill('SIGKILL');
    await receiver?.close();
    box.cleanup();
  });

  it('embedded: forwards a signed top_up.completed, prints it, and Ctrl-C removes the destination (exit 130)', async () => {
    receiver = await webhookReceiver([200]);
    const l = await listen(box.env, ['--forward-to', receiver.url, '--print-secret']);
    children.push(l.child);
    const secret = secretOf(l.stderr());
    expect(l.stderr()).toMatch(/^Ready: listening for \* as whd_\S+, forwarding to http:\/\/127\.0\.0\.1:\d+\/hook\./);
    expect(await l.line(() => true)).toBe(secret);

    const triggered = await runMain(['trigger', 'top_up.completed', '-o', 'json'], { env: box.env });
    expect(triggered.code, triggered.stderr).toBe(0);
    const { steps } = JSON.parse(triggered.stdout) as { steps: { step: string; id: string }[] };
    const topUpId = steps.find((s) => s.step.startsWith('completed'))!.id;

    const [delivery] = await receiver.waitFor(1, 15_000);
    const header = delivery!.headers['credyt-signature'] as string;
    expect(verifySignature({ secret, header, body: delivery!.body, now: Math.floor(Date.now() / 1000) })).toMatchObject({ ok: true });
    const event = JSON.parse(delivery!.body);
    expect(event).toMatchObject({ id: expect.stringMatching(/^evt_/), type: 'top_up.completed', live_mode: false, data: { id: topUpId, status: 'completed' } });
    const printed = await l.line((line) => line.includes(event.id));
    expect(printed.split('\t')).toEqual([event.created, 'top_up.completed', event.id, expect.stringMatching(/^200 \(\d+ ms\)$/)]);

    expect(await l.interrupt()).toBe(130);
    const left = await runMain(['webhooks', 'list', '-o', 'json'], { env: box.env });
    expect(JSON.parse(left.stdout).items).toEqual([]);
  });

  it('local serve: -o jsonl prints each event as delivered; only the topics asked for', async () => {
    server = await serve(box, join(box.dir, 'served.db'));
    const login = await box.run(['login', '--profile', 'served', '--base-url', server.url, '--with-key'], { input: server.apiKey });
    expect(login.code, login.stderr).toBe(0);
    const env = { ...box.env, CREDYT_PROFILE: 'served' };
    const l = await listen(env, ['--topic', 'hold.voided', '-o', 'jsonl']);
    children.push(l.child);

    const triggered = await box.run(['trigger', 'hold.voided'], { env });
    expect(triggered.code, triggered.stderr).toBe(0);
    expect(triggered.stdout).toMatch(/adjusted the wallet by 5 USD[\s\S]*placed a hold[\s\S]*voided the hold/);
    const event = JSON.parse(await l.line((line) => line.includes('hold.voided')));
    expect(event).toMatchObject({ type: 'hold.voided', data: { status: 'voided' } });
    // The gift before the hold made adjustment.created, which this destination did not ask for.
    await new Promise((r) => setTimeout(r, 500));
    expect(l.lines).toHaveLength(1);

    expect(await l.interrupt()).toBe(130);
    const left = await box.run(['webhooks', 'list', '-o', 'json'], { env });
    expect(JSON.parse(left.stdout).items).toEqual([]);
  });
});
