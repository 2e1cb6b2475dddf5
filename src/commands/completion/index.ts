import { Argument, type Command } from 'commander';
import type { Context } from '../../context.js';
import type { Runtime } from '../../runtime.js';
import { action } from '../verb.js';
import { HELP_TOPICS } from '../help/topics.js';
import { SHELLS, type Shell } from '../../completion/shells.js';
import { DYNAMIC_KINDS, type DynamicKind } from '../../completion/dynamic.js';
import { TOP_SUMMARIES } from '../../top-summaries.js';

export function registerCompletion(program: Command, ctx: Context): void {
  program
    .command('completion')
    .summary(TOP_SUMMARIES.completion)
    .description(
      'Print the completion script for a shell to stdout. It completes commands, subcommands, flags and ' +
        'their fixed values, and profile names and asset codes (asked of credyt itself, 2 s at most).',
    )
    .addArgument(new Argument('<shell>', 'bash, zsh or fish').choices(SHELLS))
    .addHelpText(
      'after',
      `
Examples:
  credyt completion bash > ~/.local/share/bash-completion/completions/credyt
  credyt completion zsh > "\${fpath[1]}/_credyt"
  credyt completion fish > ~/.config/fish/completions/credyt.fish`,
    )
    .action(
      action(ctx, async (rt: Runtime, _opts: object, shell: Shell) => {
        const root = rt.command.parent!;
        // The generators are loaded only here: nothing else needs them.
        const { completionScript } = await import('../../completion/index.js');
        rt.io.stdout.write(completionScript(root, shell, Object.keys(HELP_TOPICS)));
      }),
    );

  // Called by the scripts at Tab time; hidden from help and from completion itself.
  program
    .command('__complete', { hidden: true })
    .summary(TOP_SUMMARIES.__complete)
    .addArgument(new Argument('<kind>').choices(DYNAMIC_KINDS))
    .action(
      action(ctx, async (rt: Runtime, _opts: object, kind: DynamicKind) => {
        const { completeValues } = await import('./dynamic-values.js');
        await completeValues(rt, kind);
      }),
    );
}
