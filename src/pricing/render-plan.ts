import { Chalk } from 'chalk';
import { canon, showValue, type Canon } from './canonical.js';
import { pendingItems, type Action, type Plan } from './plan.js';
import type { Output } from '../render/output.js';
import { stringifyJson } from '../json/write.js';

const SIGN: Record<Action, string> = {
  create: '+',
  'add-rate': '~',
  'new-version': '~',
  'make-default': '~',
  unchanged: '=',
  replace: '!',
};

/** `2 to create, 1 add-rate, …`: counts of each action, in a fixed order. */
export function planSummary(plan: Plan): string {
  const n = (a: Action) => plan.items.filter((i) => i.action === a).length;
  const parts = [
    `${n('create')} to create`,
    `${n('add-rate')} add-rate`,
    `${n('new-version')} new version`,
    `${n('make-default')} make-default`,
    `${n('unchanged')} unchanged`,
  ];
  if (n('replace') > 0) parts.push(`${n('replace')} need${n('replace') === 1 ? 's' : ''} a new object`);
  return parts.join(', ');
}

/** The plan as exact JSON: numbers written with every digit, never through a float. */
export function planJson(plan: Plan, source: string, profile: string): unknown {
  return {
    file: source,
    profile,
    in_sync: pendingItems(plan).length === 0,
    summary: Object.fromEntries(
      (['create', 'add-rate', 'new-version', 'make-default', 'unchanged', 'replace'] as Action[]).map((a) => [
        a,
        plan.items.filter((i) => i.action === a).length,
      ]),
    ),
    items: plan.items.map((i) => ({
      kind: i.kind,
      code: i.code,
      action: i.action,
      changes: i.changes.map((c) => ({ path: c.path, from: c.from ?? null, to: c.to ?? null })),
      requests: i.steps.map((s) => ({ method: s.method, path: s.path, body: canon(s.body) })),
      notes: i.notes,
    })),
  };
}

/** Terraform-like text for people; tab-separated rows when piped; JSON for machines. */
export function printPlan(out: Output, plan: Plan, source: string, profile: string): void {
  const { io } = out;
  if (out.mode === 'json' || out.mode === 'jsonl') {
    io.stdout.write(stringifyJson(planJson(plan, source, profile), out.mode === 'json' ? 2 : undefined) + '\n');
    return;
  }
  if (out.mode === 'tsv' || out.mode === 'csv') {
    const sep = out.mode === 'csv' ? ',' : '\t';
    const cell = (s: string) => (out.mode === 'csv' && /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s.replace(/[\t\n]/g, ' '));
    const rows: string[][] = [];
    if (out.header) rows.push(['kind', 'code', 'action', 'field', 'from', 'to']);
    for (const i of plan.items) {
      if (i.changes.length === 0 || i.action === 'create') rows.push([i.kind, i.code, i.action, '', '', '']);
      else for (const c of i.changes) rows.push([i.kind, i.code, i.action, c.path, showValue(c.from), showValue(c.to)]);
    }
    if (rows.length > 0) io.stdout.write(rows.map((r) => r.map(cell).join(sep)).join('\n') + '\n');
    return;
  }
  const chalk = new Chalk({ level: io.stdoutColor });
  const color: Record<Action, (s: string) => string> = {
    create: chalk.green,
    'add-rate': chalk.yellow,
    'new-version': chalk.yellow,
    'make-default': chalk.yellow,
    unchanged: chalk.dim,
    replace: chalk.red,
  };
  const lines: string[] = [`Plan: ${source} against profile ${profile}`, ''];
  for (const i of plan.items) {
    const detail = i.action === 'create' ? createDetail(i.steps[0]?.body) : '';
    lines.push(color[i.action](`${SIGN[i.action]} ${i.kind} ${i.code}: ${i.action}${detail}`));
    if (i.action !== 'create') {
      for (const c of i.changes) lines.push(`    ${c.path}: ${showValue(c.from)} → ${showValue(c.to)}`);
    }
    for (const n of i.notes) lines.push(chalk.dim(`    note: ${n}`));
  }
  const pending = pendingItems(plan).length;
  lines.push('', pending === 0 ? 'No changes: the profile matches the file.' : `${pending} to change: ${planSummary(plan)}.`);
  io.stdout.write(lines.join('\n') + '\n');
}

function createDetail(body: Record<string, unknown> | undefined): string {
  if (!body) return '';
  const c = canon(body) as Record<string, Canon>;
  if (Array.isArray(c.prices)) return ` (${c.prices.length} price${c.prices.length === 1 ? '' : 's'})`;
  if (c.precision !== undefined) return ` (precision ${showValue(c.precision)})`;
  return '';
}
