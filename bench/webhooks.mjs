#!/usr/bin/env node
// Webhooks against `credyt local serve` (its own process, default worker settings):
//  1. `dead`: POST /events (priced events in batches of 100, one keep-alive connection)
//     in rounds that alternate between no destination and a destination on `*` whose
//     receiver accepts connections and never answers, with a backlog of 200 pending
//     deliveries queued before each such round (the same 200 adjustments are made before
//     every round, so both kinds do the same work). Prints events/s and the server's CPU
//     per event (/proc) of each round, and the median of each pair's ratio (the two
//     rounds of a pair run back to back, so they share the machine's load).
//  2. `idle`: the server's CPU at rest, with and without the dead destination and its
//     backlog: what the worker itself costs while a receiver never answers.
//  3. `deliveries`: 10,000 event.unbilled events (10 batches of 1,000) to a destination
//     whose receiver (this process, node:http) answers 200 at once; prints how long until
//     every delivery arrived, and the rate.
// Usage: node bench/webhooks.mjs [dead|idle|deliveries|all] [pairs] [eventsPerRound] [--control]
//   default: all 8 15000; needs dist/ (npx tsc -p tsconfig.json). Runs in under two minutes.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createTcpServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { batchBody, httpSender, seed } from './events-setup.mjs';
import { startServe, stopServe } from './serve.mjs';

const which = process.argv[2] ?? 'all';
const pairs = Number.parseInt(process.argv[3] ?? '8', 10);
const perRound = Number.parseInt(process.argv[4] ?? '15000', 10);
/** `--control`: the `dead` rounds register no destination either (an A/A run: the noise floor). */
const control = process.argv.includes('--control');
const BATCH = 100;
const BACKLOG = 200;
const dir = mkdtempSync(join(tmpdir(), 'credyt-bench-webhooks-'));
const env = { ...process.env, CREDYT_CONFIG_DIR: join(dir, 'config') };

/** User + system CPU seconds of a process so far (Linux /proc; clock ticks of 100 Hz). */
function cpuSeconds(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** A receiver that takes the connection and never answers: sockets stay open until the worker's timeout. */
async function deadReceiver() {
  const sockets = new Set();
  const server = createTcpServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${server.address().port}/never`,
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise((r) => server.close(r));
    },
  };
}

async function dead() {
  const { child, url, apiKey } = await startServe({ db: join(dir, 'dead.db'), env });
  const { send, close } = httpSender(url, apiKey);
  const receiver = await deadReceiver();
  try {
    const customers = await seed(send);
    const gifts = async () => {
      for (let i = 0; i < BACKLOG; i++) {
        await send('POST', `/customers/${customers[i % customers.length]}/wallet/adjustments`, { transaction_id: randomUUID(), asset: 'USD', amount: 1, reason: 'gift' });
      }
    };
    for (let i = 0; i < 20; i++) await send('POST', '/events', batchBody(customers[i % customers.length], BATCH)); // warm-up
    const results = { none: [], dead: [] };
    // Pair -1 is a warm-up, not counted: the first deliveries compile the worker's code paths.
    for (let pair = -1; pair < pairs; pair++) {
      for (const kind of pair % 2 ? ['dead', 'none'] : ['none', 'dead']) {
        const hook = kind === 'dead' && !control ? await send('POST', '/webhooks', { url: receiver.url }) : undefined;
        await gifts();
        const bodies = Array.from({ length: perRound / BATCH }, (_, i) => batchBody(customers[i % customers.length], BATCH));
        const cpu0 = cpuSeconds(child.pid);
        const t0 = performance.now();
        for (const body of bodies) await send('POST', '/events', body);
        const seconds = (performance.now() - t0) / 1000;
        const cpu = cpuSeconds(child.pid) - cpu0;
        if (pair >= 0) results[kind].push({ perSecond: perRound / seconds, cpuUs: (cpu * 1e6) / perRound });
        if (hook) await send('DELETE', `/webhooks/${hook.id}`);
      }
    }
    console.log(`\n### dead receiver${control ? ' (CONTROL: no destination in either round)' : ''}: ${pairs} pairs of rounds, ${perRound} events each (batches of ${BATCH}), backlog ${BACKLOG}`);
    console.log('| round | no destination: events/s | server CPU µs/event | dead receiver: events/s | server CPU µs/event |');
    console.log('|---:|---:|---:|---:|---:|');
    for (let i = 0; i < pairs; i++) {
      const [n, d] = [results.none[i], results.dead[i]];
      console.log(`| ${i + 1} | ${Math.round(n.perSecond)} | ${n.cpuUs.toFixed(1)} | ${Math.round(d.perSecond)} | ${d.cpuUs.toFixed(1)} |`);
    }
    const [nRate, dRate] = [median(results.none.map((r) => r.perSecond)), median(results.dead.map((r) => r.perSecond))];
    const [nCpu, dCpu] = [median(results.none.map((r) => r.cpuUs)), median(results.dead.map((r) => r.cpuUs))];
    console.log(`| median | ${Math.round(nRate)} | ${nCpu.toFixed(1)} | ${Math.round(dRate)} | ${dCpu.toFixed(1)} |`);
    const pct = (x) => `${x >= 0 ? '+' : ''}${((x - 1) * 100).toFixed(1)} %`;
    const rateRatio = median(results.none.map((n, i) => results.dead[i].perSecond / n.perSecond));
    const cpuRatio = median(results.none.map((n, i) => results.dead[i].cpuUs / n.cpuUs));
    console.log(`\ndead receiver vs none, median of the pairs: events/s ${pct(rateRatio)}, server CPU per event ${pct(cpuRatio)}`);
  } finally {
    await close();
    await receiver.close();
    await stopServe(child);
  }
}

/**
 * The worker's own cost with a dead receiver, without load to hide it: the server's CPU over
 * quiet windows of IDLE_S seconds, alternating between no destination and a dead
 * destination with 200 pending deliveries (4 connections held open, the rest waiting).
 */
async function idle() {
  const IDLE_S = 5;
  const { child, url, apiKey } = await startServe({ db: join(dir, 'idle.db'), env });
  const { send, close } = httpSender(url, apiKey);
  const receiver = await deadReceiver();
  try {
    const { id: customer } = await send('POST', '/customers', { name: 'Idle' });
    const rows = [];
    for (const kind of ['none', 'dead', 'none', 'dead']) {
      const hook = kind === 'dead' ? await send('POST', '/webhooks', { url: receiver.url }) : undefined;
      for (let i = 0; i < BACKLOG; i++) {
        await send('POST', `/customers/${customer}/wallet/adjustments`, { transaction_id: randomUUID(), asset: 'USD', amount: 1, reason: 'gift' });
      }
      await new Promise((r) => setTimeout(r, 1_000));
      const cpu0 = cpuSeconds(child.pid);
      await new Promise((r) => setTimeout(r, IDLE_S * 1_000));
      rows.push([kind, ((cpuSeconds(child.pid) - cpu0) * 1000) / IDLE_S]);
      if (hook) await send('DELETE', `/webhooks/${hook.id}`);
    }
    console.log(`\n### the worker at rest: server CPU over ${IDLE_S} s windows, no requests`);
    console.log('| window | destination | server CPU ms per second |');
    console.log('|---:|---|---:|');
    rows.forEach(([kind, ms], i) => console.log(`| ${i + 1} | ${kind === 'dead' ? `dead receiver, ${BACKLOG} pending` : 'none'} | ${ms.toFixed(1)} |`));
  } finally {
    await close();
    await receiver.close();
    await stopServe(child);
  }
}

async function deliveries() {
  const TOTAL = 10_000;
  const { child, url, apiKey } = await startServe({ db: join(dir, 'deliveries.db'), env });
  const { send, close } = httpSender(url, apiKey);
  const ids = new Set();
  let repeats = 0;
  let lastAt = 0;
  const receiver = createHttpServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const id = JSON.parse(Buffer.concat(chunks).toString('utf8')).id;
      if (ids.has(id)) repeats++;
      ids.add(id);
      lastAt = performance.now();
      res.writeHead(200).end();
    });
  });
  await new Promise((r) => receiver.listen(0, '127.0.0.1', r));
  try {
    await send('POST', '/webhooks', { url: `http://127.0.0.1:${receiver.address().port}/hook`, topics: ['event.unbilled'] });
    const { id: customer } = await send('POST', '/customers', { name: 'Unbilled' });
    const cpu0 = cpuSeconds(child.pid);
    const t0 = performance.now();
    for (let b = 0; b < TOTAL / 1000; b++) {
      const events = Array.from({ length: 1000 }, () => ({ id: randomUUID(), event_type: 'nothing_prices_this', data: { n: 1 } }));
      await send('POST', '/events', { customer_id: customer, events });
    }
    const posted = (performance.now() - t0) / 1000;
    const until = Date.now() + 110_000;
    while (ids.size < TOTAL && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    const seconds = (lastAt - t0) / 1000;
    const cpu = cpuSeconds(child.pid) - cpu0;
    console.log(`\n### ${TOTAL} deliveries to a receiver answering 200 (1 destination)`);
    console.log('| events posted in | delivered | repeats | all delivered after | deliveries/s | server CPU µs/delivery (with the posting) |');
    console.log('|---:|---:|---:|---:|---:|---:|');
    console.log(`| ${posted.toFixed(2)} s | ${ids.size} | ${repeats} | ${seconds.toFixed(2)} s | ${Math.round(ids.size / seconds)} | ${((cpu * 1e6) / ids.size).toFixed(0)} |`);
  } finally {
    await close();
    await new Promise((r) => receiver.close(r));
    await stopServe(child);
  }
}

try {
  console.log(`node ${process.version}, ${new Date().toISOString()}`);
  if (which === 'dead' || which === 'all') await dead();
  if (which === 'idle' || which === 'all') await idle();
  if (which === 'deliveries' || which === 'all') await deliveries();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
