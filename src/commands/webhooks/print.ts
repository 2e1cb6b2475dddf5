import type { Runtime } from '../../runtime.js';
import type { WebhookDelivery, WebhookDestination } from '../../client/webhooks.js';
import { printListing, printRecord, type Column, type ListedRows } from '../../render/records.js';

const destinationColumns = (withSecret: boolean): Column<WebhookDestination>[] => [
  { header: 'ID', value: (w) => w.id },
  { header: 'URL', value: (w) => w.url ?? '' },
  { header: 'TOPICS', value: (w) => (w.topics ?? []).join(',') },
  { header: 'CONNECT', value: (w) => (w.connect === undefined ? '' : String(w.connect)) },
  { header: 'DESCRIPTION', value: (w) => w.description ?? '' },
  ...(withSecret ? [{ header: 'SECRET', value: (w: WebhookDestination) => w.secret ?? '' }] : []),
  { header: 'CREATED AT', value: (w) => w.created_at ?? '' },
];

/** One destination; its secret shown (create and get answer it). */
export function printWebhook(rt: Runtime, webhook: WebhookDestination): void {
  printRecord(rt.output, { columns: destinationColumns(true), row: webhook, json: webhook, id: (w) => w.id });
}

export function printWebhooks(rt: Runtime, list: ListedRows<WebhookDestination>): void {
  printListing(rt.output, list, { columns: destinationColumns(false), id: (w) => w.id, noun: 'webhooks' });
}

const deliveryColumns: Column<WebhookDelivery>[] = [
  { header: 'DELIVERY ID', field: 'id', value: (d) => d.id },
  { header: 'EVENT ID', value: (d) => d.event_id },
  { header: 'EVENT TYPE', value: (d) => d.event_type },
  { header: 'STATUS', value: (d) => d.status },
  { header: 'ATTEMPTS', value: (d) => d.attempts },
  { header: 'LAST ANSWER', field: 'last_attempt', value: (d) => (d.last_attempt ? (d.last_attempt.error ?? String(d.last_attempt.status_code)) : '') },
  { header: 'NEXT ATTEMPT AT', value: (d) => d.next_attempt_at ?? '' },
  { header: 'CREATED AT', value: (d) => d.created_at },
];

export function printDelivery(rt: Runtime, delivery: WebhookDelivery): void {
  printRecord(rt.output, { columns: deliveryColumns, row: delivery, json: delivery, id: (d) => d.id });
}

export function printDeliveries(rt: Runtime, list: ListedRows<WebhookDelivery>): void {
  printListing(rt.output, list, { columns: deliveryColumns, id: (d) => d.id, noun: 'deliveries' });
}
