import { conflict, notFound } from '../request/errors.js';
import { Fields } from '../request/fields.js';
import { newId } from '../request/ids.js';
import { pageOf, readPage, type Query } from '../request/paging.js';
import { show } from '../request/show.js';
import { isoText } from '../request/time.js';
import type { Store } from '../store/store.js';
import type { PageView } from '../types.js';

/** A connected account (Credyt for Platforms) as `/accounts` answers it. */
export interface ConnectedAccountView {
  id: string;
  name: string;
  external_id: string | null;
  metadata: Record<string, string>;
  created_at: string;
}

interface AccountRow {
  id: string;
  name: string;
  external_id: string | null;
  metadata: string;
  created_at: string;
}

const COLUMNS = 'id, name, external_id, metadata, created_at';
/** The shape of the ids newId('acc') makes: what `X-CREDYT-ACCOUNT` must look like. */
export const ACCOUNT_ID_SHAPE = /^acc_[0-9a-z]{26}$/;

const view = (row: AccountRow): ConnectedAccountView => ({
  id: row.id,
  name: row.name,
  external_id: row.external_id,
  metadata: JSON.parse(row.metadata) as Record<string, string>,
  created_at: row.created_at,
});

/**
 * The platform's connected accounts (docs/accounts.md). Their data lives in databases of
 * their own (account-engines.ts); this is only the platform's list of them.
 */
export class ConnectedAccounts {
  constructor(private readonly store: Store) {}

  /** `POST /accounts {name, external_id?, metadata?}`; a taken external_id is a 409. */
  create(body: unknown): ConnectedAccountView {
    const fields = Fields.of(body);
    fields.string('name', { required: true, max: 256 });
    const externalId = fields.string('external_id', { max: 255 });
    if (externalId === '') fields.fail('external_id', 'external_id must not be empty');
    const metadata = fields.metadata() ?? {};
    fields.done();
    const name = fields.raw('name') as string;
    const { store } = this;
    return store.write(() => {
      if (externalId !== undefined) {
        const existing = this.byExternalId(externalId);
        if (existing) {
          throw conflict(`an account with external_id ${show(externalId)} already exists: ${existing.id}`, { existing_id: existing.id });
        }
      }
      const now = store.clock();
      const id = newId('acc', now);
      store
        .stmt('INSERT INTO connected_accounts (id, name, external_id, metadata, created_at) VALUES (?, ?, ?, ?, ?)')
        .run(id, name, externalId ?? null, JSON.stringify(metadata), isoText(now));
      return this.get(id);
    });
  }

  /** The account, or undefined: what the dispatcher asks of every `X-CREDYT-ACCOUNT`. */
  find(id: string): ConnectedAccountView | undefined {
    const row = this.store.stmt(`SELECT ${COLUMNS} FROM connected_accounts WHERE id = ?`).get(id) as AccountRow | undefined;
    return row && view(row);
  }

  get(id: string): ConnectedAccountView {
    const account = this.find(id);
    if (!account) throw notFound('account', id);
    return account;
  }

  /** Every account id, oldest first: the databases `local verify` and the delivery worker visit. */
  ids(): string[] {
    return this.store.stmt('SELECT id FROM connected_accounts ORDER BY seq').pluck().all() as string[];
  }

  /** `GET /accounts[?external_id=]`: newest first; the filter still answers a page, as Credyt does. */
  list(query?: Query): PageView<ConnectedAccountView> {
    const params = readPage(query);
    const externalId = query?.external_id;
    if (externalId !== undefined) {
      const fields = Fields.of(query);
      const given = fields.string('external_id', { max: 255 });
      if (given === '') fields.fail('external_id', 'external_id must not be empty');
      fields.done();
      const row = this.byExternalId(given as string);
      const items = row && params.offset === 0 ? [view(row)] : [];
      return pageOf(items, row ? 1 : 0, params);
    }
    const total = this.store.stmt('SELECT count(*) FROM connected_accounts').pluck().get() as number;
    const rows = this.store
      .stmt(`SELECT ${COLUMNS} FROM connected_accounts ORDER BY seq DESC LIMIT ? OFFSET ?`)
      .all(params.limit, params.offset) as AccountRow[];
    return pageOf(rows.map(view), total, params);
  }

  private byExternalId(externalId: string): AccountRow | undefined {
    return this.store.stmt(`SELECT ${COLUMNS} FROM connected_accounts WHERE external_id = ?`).get(externalId) as AccountRow | undefined;
  }
}
