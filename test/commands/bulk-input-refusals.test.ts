import { describe, expect, it } from 'vitest';
import { ledger } from './money-helpers.js';

describe('refused before anything moves', () => {
  it('a CSV header naming a column twice is exit 2 naming the column, nothing credited', async () => {
    const l = ledger();
    await l.ok(['customers', 'create', '--name', 'A', '--external-id', 'a']);
    const path = l.file('dup.csv', 'customer,amount,currency,amount\na,10,USD,99\n');
    const r = await l.run(['top-up', '--file', path]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('"amount" twice');
    expect(await l.available('a', 'default:USD')).toBe('0');
  });

  it('an external id shaped like a Credyt customer id is refused (CLI exit 2, API 422)', async () => {
    const l = ledger();
    const first = await l.ok(['customers', 'create', '--name', 'Victim', '-o', 'json']);
    const victim = (JSON.parse(first.stdout) as { id: string }).id;
    const r = await l.run(['customers', 'create', '--name', 'Hijack', '--external-id', victim]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('shape of a Credyt customer id');
    const api = await l.run(['api', 'POST', '/customers', '-f', 'name=Hijack', '-f', `external_id=cust_${'0'.repeat(26)}`]);
    expect(api.code).toBe(5);
    expect(api.stdout).toContain('external_id');
  });
});
