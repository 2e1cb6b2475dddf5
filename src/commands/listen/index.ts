import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { TOP_SUMMARIES } from '../../top-summaries.js';
import { action } from '../verb.js';
import { runListen } from './listen.js';

const collect = (value: string, previous: string[]) => [...previous, value];

export function registerListen(program: Command, ctx: Context): void {
  program
    .command('listen')
    .summary(TOP_SUMMARIES.listen)
    .description(
      'Register a temporary webhook destination on a local profile and print each event it receives; ' +
        'with --forward-to, POST each event on to your endpoint, signed with the printed secret. ' +
        'On the embedded profile this process delivers the database\'s events itself; with ' +
        '`credyt local serve`, the server does. Ctrl-C removes the destination (exit 130). ' +
        'A local extension: Credyt has no listen.',
    )
    .option('--forward-to <url>', 'POST each event to this http(s) URL, with a Credyt-Signature for the printed secret')
    .option('--topic <topic>', 'a topic to receive, repeatable (default: * = all); see docs/webhooks.md', collect, [])
    .option('--print-secret', 'also print the signing secret alone on stdout, before any event')
    .addHelpText(
      'after',
      `
Prints "Ready" and the whsec_ secret on stderr, then one line per event on
stdout: time, type, id, and the forward's status and duration; -o jsonl prints
each event as delivered. The listener answers every delivery 200: a failed
forward is shown, not retried.

Examples:
  credyt listen --forward-to http://127.0.0.1:8000/webhooks
  credyt listen --topic top_up.completed --topic hold.captured -o jsonl
  credyt trigger top_up.completed          # in another shell`,
    )
    .action(action(ctx, runListen));
}
