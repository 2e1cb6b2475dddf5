import { describe, expect, it } from 'vitest';
import { stringifyJson } from '../../../src/json/write.js';
import { Decimal } from '../../../src/money/decimal.js';
import { HOUR, engineError, fileEngine, json, memoryEngine, readJournal, testClock, uuid } from './fixture.js';
import { fund, publishedProduct, subscriber, tokenProduct, usagePrice, videoProduct } from './pricing-fixture.js';

const available = (engine: ReturnType<typeof memoryEngine>, customer: string, account: string) =>
  json(engine.getAccount(customer, account).available);

describe('usage events', () => {
  it('bills a unit price once per event id: accepted, duplicate, conflict', () => {
    const engine = memoryEngine();
    const productId = videoProduct(engine);
    const customer = subscriber(engine, ['glitch_video_std']);
    expect(json(engine.getWallet(customer))).toBe(
      '{"accounts":[{"id":"default:USD","name":"default","asset":"USD","available":0,"pending_in":0,"pending_out":0}]}',
    );
    fund(engine, customer, 'USD', 20, uuid());
    const event = { id: uuid(), event_type: 'video_promoted', data: { video_id: 'v1' } };

    const first = engine.postEvents({ customer_id: customer, events: [event] });
    expect(first.events).toHaveLength(1);
    expect(first.events[0]).toMatchObject({ id: event.id, status: 'accepted' });
    expect(json(first.events[0].fees)).toBe(
      `[{"product_id":"${productId}","product_code":"glitch_video_std","product_version":1,"price_name":"Promoted video",` +
        '"asset":"USD","amount":0.5,"account_id":"default:USD","dimensions":{}}]',
    );
    expect(available(engine, customer, 'default:USD')).toBe('19.5');

    const again = engine.postEvents({ customer_id: customer, events: [{ ...event, data: { video_id: 'v1' } }] });
    expect(again.events[0].status).toBe('duplicate');
    expect(json(again.events[0].fees)).toBe(json(first.events[0].fees));
    expect(available(engine, customer, 'default:USD')).toBe('19.5');

    const changed = engine.postEvents({ customer_id: customer, events: [{ ...event, data: { video_id: 'v2' } }] });
    expect(changed.events[0]).toEqual({ id: event.id, status: 'conflict', fees: [] });
    expect(available(engine, customer, 'default:USD')).toBe('19.5');
    expect(engine.getEvent(event.id.toUpperCase()).data).toEqual({ video_id: 'v1' });
    expect(engine.verify()).toEqual([]);
  });

  it('answers the server the same as in-process callers, as JSON text, with dimensions and decimal quantities', () => {
    const engine = memoryEngine();
    tokenProduct(engine);
    const usage = { usage_type: 'unit_and_volume', volume_field: 'minutes', billable_dimensions: ['speed', 'tier'] };
    const values = [
      { name: 'Fast', dimensions: { speed: 'fast' }, values: [{ unit_price: '0.1', volume_rate: '0.0333', package_size: 60 }] },
      { dimensions: { speed: '*', tier: 2 }, values: [{ volume_rate: '1.5' }] },
    ];
    publishedProduct(engine, 'render', [usagePrice('render_finished', usage, values, { name: 'Render "minutes"' })]);
    const customer = subscriber(engine, ['chat_api', 'render']);
    const events = [
      { id: uuid(), event_type: 'response_completed', data: { input_tokens: 1234, output_tokens: new Decimal('250.5') } },
      { id: uuid(), event_type: 'render_finished', data: { minutes: 7, speed: 'fast', tier: 1 } },
      { id: uuid(), event_type: 'render_finished', data: { minutes: '2.25', speed: 'slow', tier: new Decimal(2) } },
      { id: uuid(), event_type: 'render_finished', data: { speed: 'fast' } },
      { id: uuid(), event_type: 'nothing_prices_this' },
    ];
    const text = engine.postEventsJson({ customer_id: customer, events });
    // The same events again, in-process: duplicates, answered with the fees stored for the first.
    const replay = engine.postEvents({ customer_id: customer, events });
    expect(replay.events.map((e) => e.status)).toEqual(['duplicate', 'duplicate', 'duplicate', 'duplicate', 'duplicate']);
    const accepted = { events: replay.events.map((e) => ({ ...e, status: 'accepted' })) };
    expect(text).toBe(stringifyJson(accepted));
    expect(JSON.parse(text).events[1].fees).toEqual([
      expect.objectContaining({ price_name: 'Render "minutes"', amount: 0.103885, dimensions: { speed: 'fast', tier: '1' }, quantity: 7 }),
    ]);
    expect(JSON.parse(text).events[2].fees[0]).toMatchObject({ amount: 3.375, quantity: 2.25, dimensions: { speed: 'slow', tier: '2' } });
    expect(JSON.parse(text).events[0].fees.map((f: { amount: number }) => f.amount)).toEqual([0.001543, 0.002505]);
    // And a replay through the server's path answers the stored text.
    expect(engine.postEventsJson({ customer_id: customer, events })).toBe(text.replaceAll('"accepted"', '"duplicate"'));
    expect(engine.verify()).toEqual([]);
  });

  it('settles a request mixing new, stored and repeated ids, charging only the new ones once', () => {
    const { engine, path, cleanup } = fileEngine();
    try {
      videoProduct(engine);
      const customer = subscriber(engine, ['glitch_video_std']);
      const event = (id: string, video: string) => ({ id, event_type: 'video_promoted', data: { video_id: video } });
      const stored = [uuid(), uuid()];
      engine.postEvents({ customer_id: customer, events: [event(stored[0], 'a'), event(stored[1], 'b')] });
      const fresh = [uuid(), uuid()];
      const answer = engine.postEvents({
        customer_id: customer,
        events: [event(fresh[0], 'c'), event(stored[0], 'a'), event(stored[1], 'changed'), event(fresh[1], 'd'), event(fresh[0], 'c')],
      });
      expect(answer.events.map((e) => [e.id, e.status, e.fees.length])).toEqual([
        [fresh[0], 'accepted', 1],
        [stored[0], 'duplicate', 1],
        [stored[1], 'conflict', 0],
        [fresh[1], 'accepted', 1],
        [fresh[0], 'duplicate', 1],
      ]);
      expect(available(engine, customer, 'default:USD')).toBe('-2');
      const usage = readJournal(path).filter((e) => e.kind === 'usage_fees');
      expect(usage.map((e) => [e.reference, e.postings[0]])).toEqual([
        [stored[0], 'customer:default:USD available -1'],
        [fresh[0], 'customer:default:USD available -1'],
      ]);
      expect(engine.getEvent(stored[1]).data).toEqual({ video_id: 'b' });
      expect(engine.listEvents().total_count).toBe(4);
      expect(engine.verify()).toEqual([]);
    } finally {
      cleanup();
    }
  });

  it('debits a custom asset at its precision: 1 IMG per image from 100 leaves 99', () => {
    const engine = memoryEngine();
    engine.createAsset({ code: 'IMG', name: 'Images', precision: 2, rates: [{ source: 'USD', rate: '0.10' }] });
    publishedProduct(engine, 'studio_images', [usagePrice('image_generated', {}, [{ unit_price: 1 }], { asset: 'img' })]);
    const customer = subscriber(engine, ['studio_images']);
    fund(engine, customer, 'IMG', 100, uuid());
    const answer = engine.postEvents({ customer_id: customer, events: [{ id: uuid(), event_type: 'image_generated' }] });
    expect(answer.events[0].fees.map((f) => [f.asset, json(f.amount), f.account_id])).toEqual([['IMG', '1', 'default:IMG']]);
    expect(available(engine, customer, 'default:IMG')).toBe('99');
  });

  it('pro-rates package sizes exactly and rounds each fee once, half up', () => {
    const { engine, path, cleanup } = fileEngine();
    try {
      tokenProduct(engine);
      const customer = subscriber(engine, ['chat_api']);
      fund(engine, customer, 'USD', 20, uuid());
      const million = engine.postEvents({
        customer_id: customer,
        events: [{ id: uuid(), event_type: 'response_completed', data: { input_tokens: 1_000_000, output_tokens: 1_000_000 } }],
      });
      expect(million.events[0].fees.map((f) => [f.price_name, json(f.amount), json(f.quantity)])).toEqual([
        ['Input tokens', '1.25', '1000000'],
        ['Output tokens', '10', '1000000'],
      ]);
      expect(available(engine, customer, 'default:USD')).toBe('8.75');

      const id = uuid();
      const small = engine.postEvents({ customer_id: customer, events: [{ id, event_type: 'response_completed', data: { input_tokens: 1234 } }] });
      // 1234 × 1.25 / 1,000,000 = 0.0015425 → 0.001543 at USD's precision 6; no output_tokens, no second fee.
      expect(small.events[0].fees.map((f) => json(f.amount))).toEqual(['0.001543']);
      expect(available(engine, customer, 'default:USD')).toBe('8.748457');
      const entry = readJournal(path).find((e) => e.reference === id);
      expect(entry).toMatchObject({ kind: 'usage_fees', rounding: 'half_up' });
      expect(entry?.postings).toEqual(['customer:default:USD available -0.001543', 'platform:revenue:USD available 0.001543']);
      expect(engine.verify()).toEqual([]);
    } finally {
      cleanup();
    }
  });

  it('prices by dimension: exact beats "*", no match charges nothing', () => {
    const engine = memoryEngine();
    const speeds = (withWildcard: boolean) => [
      { name: 'Fast', dimensions: { speed: 'fast' }, values: [{ volume_rate: '1.00' }] },
      { name: 'Regular', dimensions: { speed: 'regular' }, values: [{ volume_rate: '0.40' }] },
      ...(withWildcard ? [{ name: 'Other', dimensions: { speed: '*' }, values: [{ volume_rate: '0.40' }] }] : []),
    ];
    const usage = { usage_type: 'volume', volume_field: 'minutes', billable_dimensions: ['speed'] };
    publishedProduct(engine, 'render', [usagePrice('render_finished', usage, speeds(false), { name: 'Render minutes' })]);
    publishedProduct(engine, 'render_any', [usagePrice('render_any', usage, speeds(true))]);
    const customer = subscriber(engine, ['render', 'render_any']);
    const event = (type: string, minutes: number, speed: string) => ({ id: uuid(), event_type: type, data: { minutes, speed } });
    const answer = engine.postEvents({
      customer_id: customer,
      events: [
        event('render_finished', 10, 'fast'),
        event('render_finished', 100, 'regular'),
        event('render_finished', 5, 'turbo'),
        event('render_any', 5, 'turbo'),
        event('render_any', 10, 'fast'),
      ],
    });
    const fees = answer.events.map((e) => e.fees.map((f) => `${f.price_name} ${json(f.amount)} ${json(f.dimensions)}`));
    expect(fees).toEqual([
      ['Render minutes 10 {"speed":"fast"}'],
      ['Render minutes 40 {"speed":"regular"}'],
      [],
      ['Other 2 {"speed":"turbo"}'],
      ['Fast 10 {"speed":"fast"}'],
    ]);
    expect(available(engine, customer, 'default:USD')).toBe('-62');
    expect(engine.verify()).toEqual([]);
  });

  it('picks the most specific of several dimensions, the first on a tie', () => {
    const engine = memoryEngine();
    const usage = { usage_type: 'unit', billable_dimensions: ['model', 'region'] };
    publishedProduct(engine, 'llm', [
      usagePrice('call', usage, [
        { name: 'any', dimensions: { model: '*', region: '*' }, values: [{ unit_price: 1 }] },
        { name: 'model', dimensions: { model: 'big' }, values: [{ unit_price: 2 }] },
        { name: 'region', dimensions: { region: 'eu' }, values: [{ unit_price: 3 }] },
        { name: 'both', dimensions: { model: 'big', region: 'us' }, values: [{ unit_price: 4 }] },
      ]),
    ]);
    const customer = subscriber(engine, ['llm']);
    const call = (data: Record<string, unknown>) => ({ id: uuid(), event_type: 'call', data });
    const answer = engine.postEvents({
      customer_id: customer,
      events: [call({ model: 'big', region: 'us' }), call({ model: 'big', region: 'eu' }), call({ model: 'small', region: 'eu' }), call({})],
    });
    expect(answer.events.map((e) => e.fees[0].price_name)).toEqual(['both', 'model', 'region', 'any']);
  });

  it('reads only fields the data owns, whatever they are called', () => {
    const engine = memoryEngine();
    const usage = { usage_type: 'volume', volume_field: 'constructor', billable_dimensions: ['toString'] };
    publishedProduct(engine, 'odd', [usagePrice('odd', usage, [{ dimensions: { toString: '*' }, values: [{ volume_rate: 1 }] }])]);
    const customer = subscriber(engine, ['odd']);
    const answer = engine.postEvents({
      customer_id: customer,
      events: [{ id: uuid(), event_type: 'odd' }, { id: uuid(), event_type: 'odd', data: { constructor: 3, toString: 'x' } }],
    });
    expect(answer.events.map((e) => e.fees.map((f) => `${json(f.amount)} ${json(f.dimensions)}`))).toEqual([[], ['3 {"toString":"x"}']]);
  });

  it('charges one fee per asset of a price, and nothing for events no subscription prices', () => {
    const engine = memoryEngine();
    engine.createAsset({ code: 'CR', name: 'Credits', precision: 0 });
    engine.createProduct({
      code: 'dual',
      name: 'Dual',
      publish: true,
      prices: [{ ...usagePrice('job', {}, [{ unit_price: 2 }]), pricing: [{ asset: 'USD', values: [{ unit_price: 2 }] }, { asset: 'CR', values: [{ unit_price: 5 }] }] }],
    });
    const customer = subscriber(engine, ['dual']);
    const answer = engine.postEvents({
      customer_id: customer,
      events: [{ id: uuid(), event_type: 'job' }, { id: uuid(), event_type: 'unpriced' }],
    });
    expect(answer.events[0].fees.map((f) => `${json(f.amount)} ${f.asset}`)).toEqual(['2 USD', '5 CR']);
    expect(answer.events[1]).toMatchObject({ status: 'accepted', fees: [] });
    expect(engine.getWallet(customer).accounts.map((a) => `${a.id} ${json(a.available)}`)).toEqual(['default:USD -2', 'default:CR -5']);
    const nobody = engine.createCustomer({ name: 'Unsubscribed' }).id;
    const free = engine.postEvents({ customer_id: nobody, events: [{ id: uuid(), event_type: 'job' }] });
    expect(free.events[0]).toMatchObject({ status: 'accepted', fees: [] });
    expect(engine.getWallet(nobody).accounts).toEqual([]);
    expect(engine.verify()).toEqual([]);
  });

  it('keeps existing subscribers on their version; new ones get the default', () => {
    const engine = memoryEngine();
    const productId = videoProduct(engine);
    const early = subscriber(engine, ['glitch_video_std'], 'Early');
    const v2 = engine.addProductVersion('glitch_video_std', {
      name: 'Glitch video',
      prices: [usagePrice('video_promoted', {}, [{ unit_price: '0.75' }])],
      publish: true,
    });
    expect(v2).toEqual({ id: productId, code: 'glitch_video_std', version: 2, status: 'published', is_default: false });
    const stillV1 = subscriber(engine, ['glitch_video_std'], 'Before default');
    engine.updateProductVersion(productId, '2', { make_default: true });
    const late = subscriber(engine, ['glitch_video_std'], 'Late');
    const bill = (customer: string) =>
      engine.postEvents({ customer_id: customer, events: [{ id: uuid(), event_type: 'video_promoted' }] }).events[0].fees[0];
    expect([bill(early), bill(stillV1), bill(late)].map((f) => `v${f.product_version} ${json(f.amount)}`)).toEqual([
      'v1 0.5',
      'v1 0.5',
      'v2 0.75',
    ]);
    expect(engine.getCustomer(late).subscriptions[0].products).toEqual([{ id: productId, code: 'glitch_video_std', version: 2 }]);
  });

  it('accepts customer_external_id and a per-event customer', () => {
    const engine = memoryEngine();
    videoProduct(engine);
    const a = subscriber(engine, ['glitch_video_std'], 'A', 'user-a');
    const b = subscriber(engine, ['glitch_video_std'], 'B', 'user-b');
    const answer = engine.postEvents({
      customer_external_id: 'user-a',
      events: [
        { id: uuid(), event_type: 'video_promoted' },
        { id: uuid(), event_type: 'video_promoted', customer_id: b },
        { id: uuid(), event_type: 'video_promoted', customer_external_id: 'user-b' },
      ],
    });
    expect(answer.events.map((e) => engine.getEvent(e.id).customer_id)).toEqual([a, b, b]);
    expect([available(engine, a, 'default:USD'), available(engine, b, 'default:USD')]).toEqual(['-0.5', '-1']);
  });

  it('dates events: occurred_at defaults to now, up to 24 hours ahead is accepted', () => {
    const clock = testClock();
    const engine = memoryEngine(clock);
    const customer = engine.createCustomer({ name: 'A' }).id;
    const id = uuid();
    engine.postEvents({ customer_id: customer, events: [{ id, event_type: 'x' }, { id: uuid(), event_type: 'x', occurred_at: '2026-01-02T00:00:00+00:00' }] });
    expect(engine.getEvent(id)).toMatchObject({ occurred_at: '2026-01-01T00:00:00.000Z', received_at: '2026-01-01T00:00:00.000Z' });
    clock.advance(HOUR);
    // Replayed later without occurred_at: the default "now" is not part of the event's identity.
    expect(engine.postEvents({ customer_id: customer, events: [{ id, event_type: 'x' }] }).events[0].status).toBe('duplicate');
  });
});

describe('refused event requests store nothing', () => {
  function setup() {
    const engine = memoryEngine();
    tokenProduct(engine);
    const customer = subscriber(engine, ['chat_api'], 'Acme', 'acme');
    fund(engine, customer, 'USD', 20, uuid());
    const valid = () => ({ id: uuid(), event_type: 'response_completed', data: { input_tokens: 10 } });
    const unchanged = () => {
      expect(available(engine, customer, 'default:USD')).toBe('20');
      expect(engine.listEvents().total_count).toBe(0);
    };
    return { engine, customer, valid, unchanged };
  }

  it('0 or 1,001 events', () => {
    const { engine, customer, valid, unchanged } = setup();
    const many = engineError(() => engine.postEvents({ customer_id: customer, events: Array.from({ length: 1001 }, valid) }), 422);
    expect(many.errors).toEqual({ events: ['events must hold 1 to 1000 events, got 1001'] });
    expect(engineError(() => engine.postEvents({ customer_id: customer, events: [] }), 422).errors).toHaveProperty('events');
    expect(engineError(() => engine.postEvents({ customer_id: customer }), 422).errors).toEqual({ events: ['events is required'] });
    unchanged();
    expect(engine.postEvents({ customer_id: customer, events: Array.from({ length: 1000 }, valid) }).events).toHaveLength(1000);
  });

  it('one invalid event among valid ones, keyed by its index and field', () => {
    const { engine, customer, valid, unchanged } = setup();
    const events = [valid(), valid(), valid(), { ...valid(), id: 'not-a-uuid' }, { ...valid(), event_type: undefined }, { data: { input_tokens: 'lots' } }];
    const e = engineError(() => engine.postEvents({ customer_id: customer, events }), 422, 'validation_failed');
    expect(e.errors).toEqual({
      'events[3].id': ['events[3].id "not-a-uuid" is not a UUID'],
      'events[4].event_type': ['events[4].event_type is required'],
      'events[5].id': ['events[5].id is required'],
      'events[5].event_type': ['events[5].event_type is required'],
    });
    unchanged();
  });

  it('a volume field that is present but not a usable number', () => {
    const { engine, customer, valid, unchanged } = setup();
    for (const bad of ['lots', -1, true, { n: 1 }]) {
      const events = [valid(), { id: uuid(), event_type: 'response_completed', data: { input_tokens: 5, output_tokens: bad } }];
      const e = engineError(() => engine.postEvents({ customer_id: customer, events }), 422);
      expect(Object.keys(e.errors ?? {})).toEqual(['events[1].data.output_tokens']);
      expect(e.detail).toMatch(/^events\[1\]\.data\.output_tokens must be a number from 0 to 10\^18 \(the quantity of the price "Output tokens" of chat_api v1\), got /);
    }
    unchanged();
  });

  it('occurred_at more than 24 hours ahead, and an unknown customer', () => {
    const { engine, customer, valid, unchanged } = setup();
    const late = { ...valid(), occurred_at: '2026-01-02T00:00:00.001Z' };
    expect(engineError(() => engine.postEvents({ customer_id: customer, events: [valid(), late] }), 422).errors).toEqual({
      'events[1].occurred_at': ['events[1].occurred_at 2026-01-02T00:00:00.001Z is more than 24 hours in the future'],
    });
    engineError(() => engine.postEvents({ customer_id: 'cust_nobody', events: [valid()] }), 404, 'not_found');
    engineError(() => engine.postEvents({ customer_external_id: 'nobody', events: [valid()] }), 404, 'not_found');
    engineError(() => engine.postEvents({ customer_id: customer, events: [valid(), { ...valid(), customer_id: 'cust_nobody' }] }), 404);
    expect(engineError(() => engine.postEvents({ events: [valid()] }), 422).errors).toHaveProperty('customer_id');
    expect(engineError(() => engine.postEvents({ customer_id: customer, customer_external_id: 'acme', events: [valid()] }), 422).errors).toHaveProperty(
      'customer_id',
    );
    unchanged();
  });

  it('occurred_at exactly 24 hours ahead is accepted, in any spelling; a millisecond more is not', () => {
    const { engine, customer, valid } = setup();
    const at = (occurred_at: string) => ({ ...valid(), occurred_at });
    const spellings = ['2026-01-02T00:00:00.000Z', '2026-01-02T00:00:00Z', '2026-01-02T01:00:00+01:00', '2026-01-01T23:00:00.0000000-01:00'];
    const answer = engine.postEvents({ customer_id: customer, events: spellings.map(at) });
    expect(answer.events.map((e) => e.status)).toEqual(['accepted', 'accepted', 'accepted', 'accepted']);
    for (const { id } of answer.events) expect(engine.getEvent(id).occurred_at).toBe('2026-01-02T00:00:00.000Z');
    for (const late of ['2026-01-02T00:00:00.001Z', '2026-01-02T01:00:00.001+01:00', '2026-01-02T00:00:01Z']) {
      expect(engineError(() => engine.postEvents({ customer_id: customer, events: [at(late)] }), 422).errors).toEqual({
        'events[0].occurred_at': [`events[0].occurred_at ${new Date(late).toISOString()} is more than 24 hours in the future`],
      });
    }
  });

  it('repeats of one id inside a request are replays of the first', () => {
    const { engine, customer, valid } = setup();
    const event = valid();
    const answer = engine.postEvents({ customer_id: customer, events: [event, event, { ...event, data: { input_tokens: 11 } }] });
    expect(answer.events.map((e) => e.status)).toEqual(['accepted', 'duplicate', 'conflict']);
    expect(answer.events[1].fees).toEqual(answer.events[0].fees);
    expect(engine.listEvents().total_count).toBe(1);
  });
});
