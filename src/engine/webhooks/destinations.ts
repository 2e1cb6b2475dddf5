import { isIP } from 'node:net';
import { randomBytes } from 'node:crypto';
import { Fields } from '../request/fields.js';
import { notFound } from '../request/errors.js';
import { base32, newId } from '../request/ids.js';
import { pageOf, readPage, type Query } from '../request/paging.js';
import { show } from '../request/show.js';
import { isoText } from '../request/time.js';
import type { Store } from '../store/store.js';
import type { PageView } from '../types.js';
import { ALL_TOPICS, isWebhookTopic, WEBHOOK_TOPICS } from './topics.js';
import type { WebhookDestinationView } from './webhook-types.js';
import { forgetDestinations } from './outbox.js';

interface DestinationRow {
  seq: number;
  id: string;
  url: string;
  secret: string;
  topics: string;
  connect: 0 | 1;
  description: string | null;
  created_at: string;
}

const SELECT = 'SELECT seq, id, url, secret, topics, connect, description, created_at FROM webhook_destinations';

/** What the engine allows of a destination URL. */
export interface UrlPolicy {
  /** Plain http to any host, not only to loopback (`local serve --allow-insecure-webhooks`). */
  allowInsecure: boolean;
}

function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1';
}

function readUrl(fields: Fields, policy: UrlPolicy): string | undefined {
  const text = fields.string('url', { required: true, max: 2048 });
  if (text === undefined) return undefined;
  const url = URL.canParse(text) ? new URL(text) : undefined;
  if (!url || !['http:', 'https:'].includes(url.protocol)) {
    return fields.fail('url', `url ${show(text)} is not an absolute http(s) URL`);
  }
  if (url.protocol === 'http:' && !policy.allowInsecure && !isLoopback(url.hostname)) {
    return fields.fail('url', `url ${show(text)} is plain http to a host that is not loopback; use https (or start local serve with --allow-insecure-webhooks)`);
  }
  return text;
}

function readTopics(fields: Fields): string[] | undefined {
  const value = fields.raw('topics');
  if (value === undefined) return [ALL_TOPICS];
  if (!Array.isArray(value)) return fields.fail('topics', `topics must be an array of topic names, got ${show(value)}`);
  if (value.length === 0) return fields.fail('topics', `topics must name at least one topic (or "*")`);
  value.forEach((topic, i) => {
    if (typeof topic !== 'string' || (topic !== ALL_TOPICS && !isWebhookTopic(topic))) {
      fields.fail(`topics[${i}]`, `topics[${i}] ${show(topic)} is not a topic; known: ${ALL_TOPICS}, ${WEBHOOK_TOPICS.join(', ')}`);
    }
  });
  return [...new Set(value as string[])];
}

function view(row: DestinationRow): WebhookDestinationView {
  return {
    id: row.id,
    url: row.url,
    topics: JSON.parse(row.topics) as string[],
    connect: row.connect === 1,
    description: row.description,
    secret: row.secret,
    created_at: row.created_at,
  };
}

/** `POST /webhooks`: a destination and its signing secret (`whsec_` + 256 random bits). */
export function createDestination(store: Store, body: unknown, policy: UrlPolicy): WebhookDestinationView {
  const fields = Fields.of(body);
  const url = readUrl(fields, policy);
  const topics = readTopics(fields);
  const connect = fields.raw('connect');
  if (connect !== undefined && typeof connect !== 'boolean') fields.fail('connect', `connect must be true or false, got ${show(connect)}`);
  const description = fields.string('description', { max: 500 }) ?? null;
  fields.done();
  const now = store.clock();
  const row: DestinationRow = {
    seq: 0,
    id: newId('whd', now),
    url: url as string,
    secret: `whsec_${base32(randomBytes(32), 52)}`,
    topics: JSON.stringify(topics),
    connect: connect === true ? 1 : 0,
    description,
    created_at: isoText(now),
  };
  store.write(() => {
    store
      .stmt('INSERT INTO webhook_destinations (id, url, secret, topics, connect, description, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(row.id, row.url, row.secret, row.topics, row.connect, row.description, row.created_at);
    forgetDestinations(store);
  });
  return view(row);
}

function findLive(store: Store, id: string): DestinationRow {
  const row = store.stmt(`${SELECT} WHERE id = ? AND deleted_at IS NULL`).get(id) as DestinationRow | undefined;
  if (!row) throw notFound('webhook', id);
  return row;
}

/** `GET /webhooks/{id}`, with its secret. */
export function getDestination(store: Store, id: string): WebhookDestinationView {
  return view(findLive(store, id));
}

/** `GET /webhooks`: live destinations, newest first, without their secrets. */
export function listDestinations(store: Store, query?: Query): PageView<Omit<WebhookDestinationView, 'secret'>> {
  const page = readPage(query);
  const total = store.stmt('SELECT count(*) FROM webhook_destinations WHERE deleted_at IS NULL').pluck().get() as number;
  const rows = store
    .stmt(`${SELECT} WHERE deleted_at IS NULL ORDER BY seq DESC LIMIT ? OFFSET ?`)
    .all(page.limit, page.offset) as DestinationRow[];
  return pageOf(
    rows.map((row) => {
      const { secret: _secret, ...rest } = view(row);
      return rest;
    }),
    total,
    page,
  );
}

/**
 * `DELETE /webhooks/{id}` (local extension): the destination stops receiving new events
 * and its pending deliveries are not attempted again; its rows stay for the record.
 */
export function deleteDestination(store: Store, id: string): { id: string; deleted: true } {
  store.write(() => {
    const row = findLive(store, id);
    store.stmt('UPDATE webhook_destinations SET deleted_at = ? WHERE seq = ?').run(isoText(store.clock()), row.seq);
    forgetDestinations(store);
  });
  return { id, deleted: true };
}

/** The seq of a live destination, for reads of its deliveries. */
export function destinationSeq(store: Store, id: string): number {
  return findLive(store, id).seq;
}
