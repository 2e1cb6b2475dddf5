import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMain } from '../../helpers/in-process.js';

/** Flags and refusals of `credyt listen` and `credyt trigger`, in-process (the real runs: test/e2e/listen.test.ts). */
describe('credyt listen / trigger: flags and refusals', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let remote: NodeJS.ProcessEnv;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'credyt-listen-'));
    env = { CREDYT_CONFIG_DIR: join(dir, 'config'), CREDYT_DB: join(dir, 'local.db') };
    remote = { ...env, CREDYT_BASE_URL: 'https://api.credyt.ai', CREDYT_API_KEY: 'key_test_x' };
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const run = (args: string[], e = env) => runMain(args, { env: e });
  const destinations = async () => JSON.parse((await run(['webhooks', 'list', '-o', 'json'])).stdout).total_count;

  it('listen refuses a --forward-to that is not an http(s) URL, with exit 2, registering nothing', async () => {
    for (const [url, said] of [['not a url', /--forward-to must be an absolute http/], ['file:///etc/passwd', /--forward-to must be an http:\/\/ or https:\/\/ URL \(got file:\)/], ['javascript:alert(1)', /got javascript:/]] as const) {
      const r = await run(['listen', '--forward-to', url]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(said);
    }
    expect(await destinations()).toBe(0);
  });

  it('listen and trigger explain that they need a local profile (exit 12)', async () => {
    const listen = await run(['listen'], remote);
    expect(listen.code).toBe(12);
    expect(listen.stderr).toMatch(/`credyt listen` needs a local profile[\s\S]*credyt local serve/);
    const trigger = await run(['trigger', 'adjustment.created'], remote);
    expect(trigger.code).toBe(12);
    expect(trigger.stderr).toMatch(/`credyt trigger` needs a local profile/);
  });

  it('listen refuses an unknown topic (exit 5, naming topics[0]) and leaves no destination', async () => {
    const r = await run(['listen', '--topic', 'top_up.done']);
    expect(r.code, r.stderr).toBe(5);
    expect(r.stderr).toMatch(/topics\[0\] "top_up\.done" is not a topic/);
    expect(await destinations()).toBe(0);
  });

  it('trigger: an unknown topic is exit 2 listing the topics; a missing one is a usage error', async () => {
    const r = await run(['trigger', 'top_up.done']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('trigger knows subscription.activated, top_up.completed, top_up.failed, adjustment.created, hold.captured, hold.voided, event.unbilled');
    const expired = await run(['trigger', 'top_up.expired']);
    expect(expired.code).toBe(2);
    expect(expired.stderr).toMatch(/top_up\.expired cannot be triggered/);
    expect((await run(['trigger'])).code).toBe(2);
  });

  it('trigger acts on --customer when given, and prints its steps (-o json)', async () => {
    expect((await run(['customers', 'create', '--name', 'Acme', '--external-id', 'acme'])).code).toBe(0);
    const r = await run(['trigger', 'event.unbilled', '--customer', 'acme', '-o', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const answer = JSON.parse(r.stdout);
    expect(answer).toMatchObject({ topic: 'event.unbilled', customer_id: expect.stringMatching(/^cust_/) });
    expect(answer.steps).toEqual([{ step: expect.stringMatching(/^posted a usage event of type credyt_trigger_unpriced/), id: expect.any(String) }]);
    const event = JSON.parse((await run(['events', 'get', answer.steps[0].id, '-o', 'json'])).stdout);
    expect(event).toMatchObject({ customer_id: answer.customer_id, event_type: 'credyt_trigger_unpriced', fees: [] });

    const unknown = await run(['trigger', 'adjustment.created', '--customer', 'nobody']);
    expect(unknown.code).toBe(4);
  });

  it('trigger subscription.activated twice reuses its product', async () => {
    const first = JSON.parse((await run(['trigger', 'subscription.activated', '-o', 'json'])).stdout);
    expect(first.steps.map((s: { step: string }) => s.step)).toEqual([
      expect.stringMatching(/^created throw-away customer trigger_/),
      'created product credyt_trigger',
      'subscribed the customer to credyt_trigger',
    ]);
    const again = await run(['trigger', 'subscription.activated']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).not.toContain('created product');
  });
});
