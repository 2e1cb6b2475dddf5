import { Decimal } from '../money/decimal.js';

/** An amount a line would move, per asset (a credit, or the fees of an event). */
export interface AssetAmount {
  asset: string;
  amount: Decimal;
}

/** What a dry run found for one line. */
export type DryOutcome =
  | {
      ok: true;
      /** The transaction or event id the real run would send. */
      id: string;
      /** The customer as the line names it. */
      customer: string;
      customerId?: string;
      amounts: AssetAmount[];
      /** Usage: the event matched no price of the customer's products. */
      unbilled?: boolean;
      /** Why the amounts could not be checked (a server that did not say). */
      unchecked?: string;
      /** Kind-specific fields for -o jsonl (exchange_rate…). */
      extra?: Record<string, unknown>;
    }
  | { ok: false; id?: string; code: string; message: string };

class Sums {
  readonly byAsset = new Map<string, Decimal>();
  add(amounts: AssetAmount[]): void {
    for (const { asset, amount } of amounts) this.byAsset.set(asset, (this.byAsset.get(asset) ?? new Decimal(0)).add(amount));
  }
  list(): { asset: string; amount: Decimal }[] {
    return [...this.byAsset].map(([asset, amount]) => ({ asset, amount }));
  }
}

/** The totals of a dry run: per asset, per customer, and the counts. */
export class DryPlan {
  lines = 0;
  wouldApply = 0;
  failed = 0;
  unbilled = 0;
  unchecked = 0;
  readonly assets = new Sums();
  readonly customers = new Map<string, { lines: number; sums: Sums }>();

  add(outcome: DryOutcome): void {
    this.lines++;
    if (!outcome.ok) {
      this.failed++;
      return;
    }
    this.wouldApply++;
    if (outcome.unbilled) this.unbilled++;
    if (outcome.unchecked !== undefined) this.unchecked++;
    this.assets.add(outcome.amounts);
    let customer = this.customers.get(outcome.customer);
    if (!customer) this.customers.set(outcome.customer, (customer = { lines: 0, sums: new Sums() }));
    customer.lines++;
    customer.sums.add(outcome.amounts);
  }

  /** The `-o json` document. */
  summary(): Record<string, unknown> {
    return {
      dry_run: true,
      lines: this.lines,
      would_apply: this.wouldApply,
      failed: this.failed,
      unbilled: this.unbilled,
      unchecked: this.unchecked,
      assets: this.assets.list(),
      customers: [...this.customers].map(([customer, c]) => ({ customer, lines: c.lines, amounts: c.sums.list() })),
    };
  }

  /** One `-o jsonl` line. */
  static result(line: number, o: DryOutcome): Record<string, unknown> {
    if (!o.ok) return { line, ok: false, status: 'failed', ...(o.id ? { id: o.id } : {}), error: { code: o.code, message: o.message } };
    return {
      line,
      ok: true,
      status: 'would_apply',
      id: o.id,
      customer: o.customer,
      ...(o.customerId ? { customer_id: o.customerId } : {}),
      amounts: o.amounts,
      ...(o.unbilled ? { unbilled: true } : {}),
      ...(o.unchecked !== undefined ? { unchecked: o.unchecked } : {}),
      ...o.extra,
    };
  }
}
