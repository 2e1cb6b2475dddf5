import type { Product, ProductVersion, ProductVersionRef } from '../client/catalog-types.js';
import { plainText } from './cells.js';
import type { Column } from './column.js';

export const productColumns: Column<Product>[] = [
  { header: 'ID', value: (p) => p.id },
  { header: 'CODE', value: (p) => p.code },
  { header: 'NAME', value: (p) => p.name },
  { header: 'DEFAULT VERSION', value: (p) => p.default_version },
  { header: 'VERSIONS', value: (p) => p.versions?.length },
  { header: 'CREATED AT', value: (p) => p.created_at },
];

export const versionRefColumns: Column<ProductVersionRef>[] = [
  { header: 'ID', value: (v) => v.id },
  { header: 'CODE', value: (v) => v.code },
  { header: 'VERSION', value: (v) => v.version },
  { header: 'STATUS', value: (v) => v.status },
  { header: 'DEFAULT', field: 'is_default', value: (v) => v.is_default },
];

export const versionColumns: Column<ProductVersion>[] = [
  { header: 'VERSION', value: (v) => v.version },
  { header: 'STATUS', value: (v) => v.status },
  { header: 'DEFAULT', field: 'is_default', value: (v) => v.is_default },
  { header: 'PUBLISHED AT', value: (v) => v.published_at },
];

/** One row per price value of a version (a dimensional entry per row). */
export interface PriceRow {
  version: ProductVersion;
  price: Record<string, any>;
  asset: string;
  dimensions?: Record<string, unknown>;
  value: Record<string, unknown>;
}

export function priceRows(versions: ProductVersion[]): PriceRow[] {
  const rows: PriceRow[] = [];
  for (const version of versions) {
    for (const price of version.prices as Record<string, any>[]) {
      for (const pricing of (price.pricing ?? []) as Record<string, any>[]) {
        for (const entry of (pricing.values ?? []) as Record<string, any>[]) {
          const inner = Array.isArray(entry.values) ? (entry.values as Record<string, unknown>[]) : [entry];
          for (const value of inner) rows.push({ version, price, asset: pricing.asset, dimensions: entry.dimensions, value });
        }
      }
    }
  }
  return rows;
}

const dims = (d?: Record<string, unknown>) =>
  d ? Object.entries(d).map(([k, v]) => `${k}=${plainText(v)}`).join(' ') : '';

export const priceColumns: Column<PriceRow>[] = [
  { header: 'VERSION', value: (r) => r.version.version },
  { header: 'STATUS', value: (r) => r.version.status + (r.version.is_default ? ' (default)' : '') },
  { header: 'PRICE', value: (r) => r.value.name ?? r.price.name },
  { header: 'TYPE', value: (r) => r.price.type },
  { header: 'EVENT TYPE', value: (r) => r.price.usage_calculation?.event_type },
  { header: 'USAGE', value: (r) => r.price.usage_calculation?.usage_type ?? r.price.billing_model?.recurring?.interval },
  { header: 'ASSET', value: (r) => r.asset },
  { header: 'DIMENSIONS', value: (r) => dims(r.dimensions) },
  { header: 'UNIT PRICE', value: (r) => r.value.unit_price },
  { header: 'VOLUME RATE', value: (r) => r.value.volume_rate },
  { header: 'PACKAGE SIZE', value: (r) => r.value.package_size },
];
