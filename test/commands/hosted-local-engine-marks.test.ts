import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { createProgram } from '../../src/main.js';
import { createContext } from '../../src/context.js';
import { bufferedStreams } from '../../src/io/buffer-streams.js';
import { localOnlyCommand } from '../../src/client/local-only.js';

/**
 * Every command that uses an operation Credyt has not published says "(local engine)" in
 * its summary (docs/api-contract.md, "Local extensions"). The operations come from
 * src/client/local-only.ts, the one list the client knows: each command below is checked
 * against it, so a command can neither lose its mark nor carry one it does not need.
 */
const MARK = '(local engine)';

/** Each command built on a local-only operation, with the operation it sends. */
const LOCAL_COMMANDS: [command: string, method: string, path: string][] = [
  ['rates add', 'POST', '/assets/TOK/rates'],
  ['rates list', 'GET', '/assets/TOK/rates'],
  ['customers subscribe', 'POST', '/customers/cust_1/subscriptions'],
  ['wallet grants', 'GET', '/customers/cust_1/wallet/acc_1/grants'],
  ['wallet history', 'GET', '/customers/cust_1/wallet/transactions'],
  ['holds create', 'POST', '/customers/cust_1/wallet/holds'],
  ['holds list', 'GET', '/customers/cust_1/wallet/holds'],
  ['holds capture', 'POST', '/customers/cust_1/wallet/holds/hold_1/capture'],
  ['holds void', 'POST', '/customers/cust_1/wallet/holds/hold_1/void'],
  ['top-ups get', 'GET', '/top-ups/top_1'],
  ['top-ups complete', 'POST', '/top-ups/top_1/complete'],
  ['top-ups fail', 'POST', '/top-ups/top_1/fail'],
  ['top-ups list', 'GET', '/top-ups'],
  ['adjustments list', 'GET', '/adjustments'],
  ['webhooks delete', 'DELETE', '/webhooks/whd_1'],
  ['webhooks deliveries', 'GET', '/webhooks/whd_1/deliveries'],
  ['webhooks resend', 'POST', '/webhooks/deliveries/dlv_1/resend'],
  ['subscriptions list', 'GET', '/subscriptions'],
  ['subscriptions get', 'GET', '/subscriptions/sub_1'],
  ['subscriptions complete', 'POST', '/subscriptions/sub_1/complete'],
  ['subscriptions fail', 'POST', '/subscriptions/sub_1/fail'],
  ['subscriptions cancel', 'POST', '/subscriptions/sub_1/cancel'],
  ['subscriptions change', 'POST', '/subscriptions/sub_1/change'],
  ['local clock', 'GET', '/local/clock'],
  ['local clock advance', 'POST', '/local/clock/advance'],
  ['local clock set', 'POST', '/local/clock/set'],
  ['local clock reset', 'POST', '/local/clock/reset'],
];

/**
 * Groups whose every subcommand is local; `local`, which speaks HTTP only for its clock; and
 * `listen` and `trigger`, which need a local profile (a delivery worker, test operations).
 */
const LOCAL_GROUPS = ['rates', 'holds', 'top-ups', 'adjustments', 'subscriptions', 'local', 'listen', 'trigger'];

function walk(command: Command, path: string[] = []): [string, Command][] {
  const children = command.commands.filter((c) => c.name() !== 'help');
  return [[path.join(' '), command], ...children.flatMap((c) => walk(c, [...path, c.name()]))];
}

const program = await createProgram(createContext(bufferedStreams(), {}, '0.0.0'));
const commands = new Map(walk(program));

describe('"(local engine)" marks', () => {
  it.each(LOCAL_COMMANDS)('%s (%s %s) is local-only in src/client/local-only.ts and marked', (name, method, path) => {
    expect(localOnlyCommand(method, path)).toBeDefined();
    const command = commands.get(name);
    expect(command, name).toBeDefined();
    expect(command!.summary()).toContain(MARK);
    // Its own --help shows the description instead, when it has one.
    if (command!.description()) expect(command!.description()).toMatch(/local (engine|extension)/);
  });

  it('every subcommand of a local group is marked, and the group too', () => {
    const unmarked = [...commands]
      .filter(([name]) => LOCAL_GROUPS.some((g) => name === g || name.startsWith(`${g} `)))
      .filter(([, c]) => !c.summary().includes(MARK))
      .map(([name]) => name);
    expect(unmarked).toEqual([]);
  });

  it('no other command carries the mark', () => {
    const local = new Set(LOCAL_COMMANDS.map(([name]) => name));
    const stray = [...commands]
      .filter(([name, c]) => c.summary().includes(MARK) && !local.has(name))
      .filter(([name]) => !LOCAL_GROUPS.some((g) => name === g || name.startsWith(`${g} `)))
      .map(([name]) => name);
    expect(stray).toEqual([]);
  });
});
