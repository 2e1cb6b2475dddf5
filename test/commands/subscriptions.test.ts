import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json } from '../helpers/cli.js';
import { inProcessSandbox, type InProcessSandbox } from '../helpers/in-process-sandbox.js';

const PREMIUM = resolve(import.meta.dirname, '../../examples/products/premium.yaml');
const URLS = ['--return-url', 'https://app.example/ok', '--failure-url', 'https://app.example/failed'];
const SUB = /^sub_\w{26}$/;

describe('subscriptions: customers create/subscribe with a fixed fee, list, get, complete, fail, cancel, change', () => {
  let box: InProcessSandbox;
  const ok = async (args: string[], tty = false) => {
    const r = await box.run(args, { tty });
    expect(r.code, `${args.join(' ')}\n${r.stderr}`).toBe(0);
    return r;
  };
  let customers = 0;
  /** A pending Premium subscription of a new customer (one subscription per product and customer). */
  const pending = async () => {
    const customer = `c${++customers}`;
    await ok(['customers', 'create', '--name', customer, '--external-id', customer]);
    return json(await ok(['customers', 'subscribe', customer, '--product', 'premium_monthly_01', ...URLS, '-o', 'json'])).id as string;
  };

  beforeAll(async () => {
    box = inProcessSandbox();
    await ok(['assets', 'create', '--code', 'CREDIT', '--name', 'Credits', '--precision', '0']);
    await ok(['products', 'create', '--file', PREMIUM, '--publish']);
    const v2 = join(box.dir, 'premium-v2.yaml');
    writeFileSync(v2, 'name: Premium Plan\nprices:\n  - {name: Fee, type: fixed, billing_model: {type: recurring, recurring: {interval: month}}, pricing: [{asset: USD, values: [{unit_price: 30}]}]}\n');
    await ok(['products', 'version', 'premium_monthly_01', '--file', v2, '--publish']);
  });
  afterAll(() => box.cleanup());

  it('a fixed fee without --return-url: exit 5 naming the field, the flags as hint, no customer made', async () => {
    const r = await box.run(['customers', 'create', '--name', 'Nobody', '--external-id', 'nobody', '--product', 'premium_monthly_01']);
    expect(r.code).toBe(5);
    expect(r.stderr).toContain('subscriptions[0].return_url is required');
    expect(r.stderr).toContain('give --return-url URL and --failure-url URL');
    expect((await box.run(['customers', 'get', 'nobody'])).code).toBe(4);
  });

  it.each([
    [['customers', 'create', '--name', 'X', ...URLS], '--return-url and --failure-url go with --product'],
    [['customers', 'create', '--name', 'X', '--product', 'p', '--return-url', 'ftp://x'], `'--return-url <url>' argument 'ftp://x' is invalid`],
    [['customers', 'subscribe', 'x', '--product', 'p', '--failure-url', 'not a url'], `'--failure-url <url>' argument 'not a url' is invalid`],
    [['customers', 'create', '--name', 'X', '--product', 'premium@v2'], 'must look like CODE or CODE@VERSION'],
    [['subscriptions', 'list', '--status', 'paused'], `argument 'paused' is invalid`],
    [['subscriptions', 'cancel', 'sub_1', '--at-period-end', '--prorate'], '--prorate goes with a cancellation now'],
    [['subscriptions', 'change', 'sub_1', '--product', 'a', '--product', 'b'], 'give --product once'],
    [['subscriptions', 'change', 'sub_1'], `required option '--product <code[@version]>' not specified`],
  ])('usage error, exit 2: %j', async (args, message) => {
    const r = await box.run(args);
    expect(r.stderr).toContain(message);
    expect(r.code).toBe(2);
  });

  it('customers create --product … at a terminal: the customer, and which subscription waits for payment', async () => {
    const r = await ok(['customers', 'create', '--name', 'Ada', '--external-id', 'ada', '--product', 'premium_monthly_01', ...URLS], true);
    expect(r.stdout).toMatch(/│ NAME +│ Ada +│/);
    const id = /Subscription (sub_\w+) is pending: the customer pays the first period at its payment URL\./.exec(r.stderr)?.[1];
    expect(id).toMatch(SUB);
    expect(r.stderr).toContain(`Settle it here with \`credyt subscriptions complete ${id}\` or \`fail ${id}\`.`);
  });

  it('-o json is the API\'s customer: a pending subscription with its payment action', async () => {
    const customer = json(await ok(['customers', 'create', '--name', 'Bo', '--external-id', 'bo', '--product', 'premium_monthly_01@1', ...URLS, '-o', 'json']));
    expect(customer.subscriptions).toHaveLength(1);
    expect(customer.subscriptions[0]).toMatchObject({ status: 'pending', products: [{ code: 'premium_monthly_01', version: 1 }] });
    expect(customer.subscriptions[0].required_actions).toEqual([
      { type: 'payment', redirect_url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:4010\/pay\/subscription\/sub_\w+\?token=/) },
    ]);
  });

  it('list: piped rows (id, customer, status, products, period, next charge), a table at a terminal, filters', async () => {
    const ada = json(await ok(['customers', 'get', 'ada', '-o', 'json']));
    const piped = await ok(['subscriptions', 'list', '--customer', 'ada']);
    const rows = piped.stdout.replace(/\n$/, '').split('\n').map((l) => l.split('\t'));
    expect(rows).toEqual([[expect.stringMatching(SUB), ada.id, 'pending', 'premium_monthly_01@1', '', '', '']]);
    const tty = await ok(['subscriptions', 'list', '--status', 'pending'], true);
    expect(tty.stdout).toMatch(/ID +│ CUSTOMER +│ STATUS +│ PRODUCTS +│ PERIOD START +│ PERIOD END +│ NEXT CHARGE/);
    expect(tty.stdout).toContain('pending');
    expect((await ok(['subscriptions', 'list', '--status', 'cancelled'])).stdout).toBe('');
    const header = await ok(['subscriptions', 'list', '--customer', 'ada', '-o', 'csv']);
    expect(header.stdout.split('\n')[0]).toBe('id,customer_id,status,products,current_period_start,current_period_end,next_charge_at');
  });

  it('complete: active, its period and next charge; the allowance granted; again is exit 5', async () => {
    const id = (await ok(['subscriptions', 'list', '--customer', 'ada', '-q'])).stdout.trim();
    const tty = await ok(['subscriptions', 'complete', id], true);
    expect(tty.stderr).toContain(`Subscription ${id} is active`);
    expect(tty.stdout).toMatch(/│ STATUS +│ active +│/);
    expect(tty.stdout).toMatch(/│ NEXT CHARGE +│ \d{4}-\d\d-\d\dT/);
    const view = json(await ok(['subscriptions', 'get', id, '-o', 'json']));
    expect(view).toMatchObject({ id, status: 'active', required_actions: [], cancel_at_period_end: false });
    expect(view.next_charge_at).toBe(view.current_period_end);
    expect(json(await ok(['wallet', 'account', 'ada', 'default:CREDIT', '-o', 'json'])).available).toBe(1000);
    const again = await box.run(['subscriptions', 'complete', id]);
    expect(again.code).toBe(5);
    expect(again.stderr).toContain('only a pending subscription can be paid');
  });

  it('fail: failed, and nothing to pay or cancel afterwards', async () => {
    const id = await pending();
    const failed = await ok(['subscriptions', 'fail', id, '-o', 'json']);
    expect(json(failed)).toMatchObject({ id, status: 'failed', required_actions: [] });
    expect((await box.run(['subscriptions', 'complete', id])).code).toBe(5);
    const cancel = await box.run(['subscriptions', 'cancel', id]);
    expect(cancel.code).toBe(5);
    expect(cancel.stderr).toContain('there is nothing to cancel');
  });

  it('cancel --at-period-end keeps it until its period ends; cancel now ends it', async () => {
    const id = (await ok(['subscriptions', 'list', '--customer', 'ada', '--status', 'active', '-q'])).stdout.trim();
    const atEnd = await ok(['subscriptions', 'cancel', id, '--at-period-end'], true);
    const end = json(await ok(['subscriptions', 'get', id, '-o', 'json'])).current_period_end;
    expect(atEnd.stderr).toContain(`Subscription ${id} ends with its period (${end})`);
    expect(atEnd.stdout).toMatch(/│ CANCEL AT PERIOD END +│ true +│/);
    const piped = await ok(['subscriptions', 'cancel', await pending()]);
    expect(piped.stdout.split('\t')[2]).toBe('cancelled');
    expect(piped.stderr).toBe('');
  });

  it('change --product CODE@VERSION moves an active subscription to another version', async () => {
    const id = await pending();
    await ok(['subscriptions', 'complete', id]);
    const changed = await ok(['subscriptions', 'change', id, '--product', 'premium_monthly_01@2'], true);
    expect(changed.stderr).toContain(`Subscription ${id} is now on premium_monthly_01@2`);
    expect(json(await ok(['subscriptions', 'get', id, '-o', 'json'])).products).toEqual([expect.objectContaining({ code: 'premium_monthly_01', version: 2 })]);
    const same = await box.run(['subscriptions', 'change', id, '--product', 'premium_monthly_01@2']);
    expect(same.code).toBe(5);
    expect(same.stderr).toContain('already on version 2');
  });

  it('list -o json is the API\'s page', async () => {
    const page = json(await ok(['subscriptions', 'list', '--status', 'active', '-o', 'json']));
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.every((s: { status: string }) => s.status === 'active')).toBe(true);
    expect(Object.keys(page.items[0])).toEqual(expect.arrayContaining(['customer_id', 'current_period_start', 'current_period_end', 'next_charge_at', 'cancel_at_period_end']));
  });

  it('complete and fail refuse a hosted profile before sending anything (exit 2)', async () => {
    for (const verb of ['complete', 'fail']) {
      const r = await box.run(['subscriptions', verb, 'sub_411xhg4kqakf3d8ybezbzta558'], {
        env: { CREDYT_BASE_URL: 'https://api.credyt.invalid', CREDYT_API_KEY: 'key_test' },
      });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`subscriptions ${verb} works only on local profiles`);
      expect(r.stderr).toContain('the customer pays at the payment URL');
    }
  });

  it('an unknown subscription is exit 4', async () => {
    for (const verb of ['get', 'complete', 'fail', 'cancel']) {
      const r = await box.run(['subscriptions', verb, 'sub_00000000000000000000000000']);
      expect(r.code, `${verb}: ${r.stderr}`).toBe(4);
    }
  });
});
