import { describe, expect, it } from 'vitest';
import { json } from '../helpers/cli.js';
import { serveInProcess } from '../helpers/in-process-sandbox.js';
import { CHAT, pricingSandbox } from './pricing-fixture.js';

const box = pricingSandbox();
const { write, fresh } = box;

describe('pricing plan and apply', () => {
  it('apply to an empty engine, plan in sync; one price changed: plan 10 with that change, apply a new version, plan 0', async () => {
    const env = fresh();
    const run = (args: string[]) => box.run(args, { env });
    const file = write('chat-plan.yaml', CHAT);
    const first = await run(['pricing', 'plan', file, '-o', 'json']);
    expect(first.code).toBe(10);
    expect(json(first).items.map((i: { action: string }) => i.action)).toEqual(['create', 'create']);

    const applied = await run(['pricing', 'apply', file, '--yes']);
    expect(applied.code, applied.stderr).toBe(0);
    const synced = await run(['pricing', 'plan', file]);
    expect(synced.code, synced.stdout + synced.stderr).toBe(0);
    expect(synced.stdout).toContain('No changes');

    const changed = write('chat-plan.yaml', CHAT.replace('volume_rate: 1.25', 'volume_rate: 1.5'));
    const plan = await run(['pricing', 'plan', changed, '-o', 'json']);
    expect(plan.code).toBe(10);
    const doc = json(plan);
    expect(doc.in_sync).toBe(false);
    expect(doc.items.find((i: { code: string }) => i.code === 'TOK').action).toBe('unchanged');
    const product = doc.items.find((i: { code: string }) => i.code === 'chat_api');
    expect(product.action).toBe('new-version');
    expect(product.changes).toEqual([{ path: 'prices[0].pricing[0].values[0].volume_rate', from: 1.25, to: 1.5 }]);
    expect(plan.stdout).toMatch(/"to": 1\.5\b/);
    const text = await run(['pricing', 'plan', changed]);
    expect(text.stdout).toContain('prices[0].pricing[0].values[0].volume_rate: 1.25 → 1.5');

    const second = await run(['pricing', 'apply', changed, '--yes', '-o', 'json']);
    expect(second.code, second.stderr).toBe(0);
    expect(json(second).applied).toMatchObject([{ kind: 'product', code: 'chat_api', method: 'POST', version: '2' }]);
    // Version 2 is published but not the default (no --make-default): new subscribers keep
    // version 1, so the plan still has a change (make-default) and apply sends nothing new.
    expect((await run(['pricing', 'plan', changed])).code).toBe(10);
    const again = await run(['pricing', 'apply', changed, '--yes', '-o', 'json']);
    expect(json(again).applied).toEqual([]);
    const got = json(await run(['products', 'get', 'chat_api', '-o', 'json']));
    expect(got.default_version).toBe(1);
    expect((await run(['pricing', 'plan', changed, '--make-default'])).code).toBe(10);
    expect((await run(['pricing', 'apply', changed, '--yes', '--make-default'])).code).toBe(0);
    expect(json(await run(['products', 'get', 'chat_api', '-o', 'json'])).default_version).toBe(2);
    expect((await run(['pricing', 'plan', changed, '--make-default'])).code).toBe(0);
  });

  it('a changed rate is add-rate; a changed precision needs a new asset and apply refuses', async () => {
    const env = fresh();
    const run = (args: string[]) => box.run(args, { env });
    await run(['pricing', 'apply', write('r1.yaml', CHAT), '--yes']);
    const rate = await run(['pricing', 'plan', write('r2.yaml', CHAT.replace('rate: 0.00001}', 'rate: 0.00003}')), '-o', 'json']);
    expect(rate.code).toBe(10);
    expect(json(rate).items[0]).toMatchObject({ code: 'TOK', action: 'add-rate', changes: [{ path: 'rates.USD', from: 0.00001, to: 0.00003 }] });
    const precision = write('r3.yaml', CHAT.replace('precision: 0', 'precision: 2'));
    const plan = await run(['pricing', 'plan', precision, '-o', 'json']);
    expect(json(plan).items[0]).toMatchObject({ action: 'replace', changes: [{ path: 'precision', from: 0, to: 2 }] });
    const refused = await run(['pricing', 'apply', precision, '--yes']);
    expect(refused.code).toBe(5);
    expect(refused.stderr).toMatch(/Nothing applied: the API cannot change asset TOK \(precision\) in place/);
  });

  it('--detailed-exitcode: 0 in sync, 2 changes, 1 error', async () => {
    const env = fresh();
    const run = (args: string[]) => box.run(args, { env });
    const file = write('d.yaml', CHAT);
    expect((await run(['pricing', 'plan', file, '--detailed-exitcode'])).code).toBe(2);
    await run(['pricing', 'apply', file, '--yes']);
    expect((await run(['pricing', 'plan', file, '--detailed-exitcode'])).code).toBe(0);
    expect((await run(['pricing', 'plan', write('e.yaml', 'assets: [\n'), '--detailed-exitcode'])).code).toBe(1);
  });

  it('apply asks at a terminal and applies on yes; declined, nothing is sent', async () => {
    const env = fresh();
    const file = write('ask.yaml', CHAT);
    const declined = await box.run(['pricing', 'apply', file], { env, tty: true, answers: [false] });
    expect(declined.asked).toEqual(['Apply 2 changes to profile local?']);
    expect(declined.stderr).toContain('Declined; nothing was changed.');
    expect((await box.run(['pricing', 'plan', file], { env })).code).toBe(10);
    const accepted = await box.run(['pricing', 'apply', file], { env, tty: true, answers: [true] });
    expect(accepted.code, accepted.stderr).toBe(0);
    expect(accepted.asked).toEqual(['Apply 2 changes to profile local?']);
    expect((await box.run(['pricing', 'plan', file], { env })).code).toBe(0);
  });

  it('apply needs --yes when nobody can answer; --dry-run prints the requests with the key redacted', async () => {
    const env = fresh();
    const file = write('y.yaml', CHAT);
    const refused = await box.run(['pricing', 'apply', file], { env });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--yes');
    const served = await serveInProcess(box);
    try {
      const remote = ['--base-url', served.url, '--api-key', served.apiKey];
      const dry = await box.run(['pricing', 'apply', file, '--dry-run', ...remote], { env });
      expect(dry.code, dry.stderr).toBe(0);
      expect(dry.stdout).toContain(`POST ${served.url}/assets`);
      expect(dry.stdout).toContain('X-CREDYT-API-KEY: [redacted]');
      expect(dry.stdout).toContain('"volume_rate": 1.25');
      expect(dry.stdout).not.toContain(served.apiKey);
      // Nothing was sent.
      expect((await box.run(['pricing', 'plan', file, ...remote, '-o', 'json'], { env })).code).toBe(10);
      expect((await box.run(['pricing', 'apply', file, '--yes', ...remote], { env })).code).toBe(0);
      expect((await box.run(['pricing', 'plan', file, ...remote], { env })).code).toBe(0);
    } finally {
      await served.stop();
    }
  });
});
