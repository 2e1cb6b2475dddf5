/**
 * Version 26: vendors and usage statistics (docs/vendors.md). A vendor (`vnd_`) is a source
 * of cost that usage events name in `costs`. `usage_days` keeps, per customer and UTC day
 * of `occurred_at`, the fees charged (vendor_seq 0, per asset) and each vendor's costs (per
 * currency) as exact integers of 10^-scale, added to by the write that accepts the events:
 * stats then read a few rows per day instead of every event. STRICT makes an overflowing
 * sum an error, never a float.
 */
export const vendorsSchema = `
CREATE TABLE vendors (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  external_id TEXT UNIQUE,
  created_at TEXT NOT NULL
) STRICT;
CREATE TABLE usage_days (
  customer_id TEXT NOT NULL REFERENCES customers (id),
  day TEXT NOT NULL,
  vendor_seq INTEGER NOT NULL,
  currency TEXT NOT NULL,
  scale INTEGER NOT NULL,
  units INTEGER NOT NULL,
  events INTEGER NOT NULL,
  PRIMARY KEY (customer_id, day, vendor_seq, currency, scale)
) STRICT, WITHOUT ROWID;
-- Covering: a vendor's stats read only this index (its sums are spread over every customer).
CREATE INDEX usage_days_by_vendor ON usage_days (vendor_seq, day, currency, scale, units, events) WHERE vendor_seq > 0;
`;
