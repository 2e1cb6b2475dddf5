import { Decimal } from '../../money/decimal.js';
import { DEFAULT_ACCOUNT, ensureAccount, platformAccount, type AccountRow } from '../ledger/accounts.js';
import { fixedText } from '../assets/fixed.js';
import type { JournalBatch, Posting } from '../ledger/journal.js';
import type { Fee } from './price-index.js';
import type { Store } from '../store/store.js';

/** The accounts fees move between, looked up (or made) once per request. */
export class FeeAccounts {
  private readonly accounts = new Map<string, AccountRow>();

  constructor(private readonly store: Store) {}

  /** The customer's default account of `asset`, or platform revenue's (customerId null). */
  get(customerId: string | null, asset: string): AccountRow {
    const key = `${customerId ?? ''} ${asset}`;
    let account = this.accounts.get(key);
    if (!account) {
      account = customerId
        ? ensureAccount(this.store, customerId, DEFAULT_ACCOUNT, asset)
        : platformAccount(this.store, 'revenue', asset);
      this.accounts.set(key, account);
    }
    return account;
  }
}

/**
 * What the accepted events of one customer in one request charge: one journal entry, its
 * fees summed per asset, leaving the customer for platform revenue (docs/ledger.md).
 */
export class Charges {
  private readonly sums = new Map<string, { units: bigint; precision: number }>();
  private rounded = false;
  /** The first event the entry bills: its reference. */
  private first: string | undefined;
  entryId: number | null = null;

  constructor(readonly customerId: string) {}

  /** Adds an event's fees; true when they move money (the event then points at the entry). */
  add(eventId: string, fees: Fee[]): boolean {
    if (!fees.some((fee) => fee.units !== 0n)) return false;
    for (const fee of fees) {
      if (fee.rounded) this.rounded = true;
      const sum = this.sums.get(fee.asset);
      if (sum) sum.units += fee.units;
      else this.sums.set(fee.asset, { units: fee.units, precision: fee.pricing.precision });
    }
    this.first ??= eventId;
    return true;
  }

  /** Writes the entry, if anything moved. */
  post(journal: JournalBatch, accounts: FeeAccounts): void {
    if (this.first === undefined) return;
    const postings: Posting[] = [];
    for (const [asset, { units, precision }] of this.sums) {
      const amount = new Decimal(fixedText(units, precision));
      postings.push(
        { account: accounts.get(this.customerId, asset), bucket: 'available', amount: amount.neg() },
        { account: accounts.get(null, asset), bucket: 'available', amount },
      );
    }
    const rounding = this.rounded ? 'half_up' : undefined;
    this.entryId = journal.add({ kind: 'usage_fees', reference: this.first, postings, rounding });
  }
}
