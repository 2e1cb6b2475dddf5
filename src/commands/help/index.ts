import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { UsageError } from '../../errors.js';
import { HELP_TOPICS } from './topics.js';
import { TOP_SUMMARIES } from '../../top-summaries.js';

/** `credyt help [command…|topic]`: a command's help, or a topic such as exit-codes. */
export function registerHelp(program: Command, ctx: Context): void {
  program
    .command('help')
    .summary(TOP_SUMMARIES.help)
    .argument('[words...]', 'command path or topic')
    .addHelpText('after', '\nExamples:\n  credyt help exit-codes\n  credyt help assets create\n  credyt help environment')
    .action((words: string[]) => {
      const topic = HELP_TOPICS[words.join(' ')];
      if (topic) {
        ctx.io.stdout.write(topic.text);
        return;
      }
      let command: Command = program;
      for (const word of words) {
        const next = command.commands.find((c) => c.name() === word || c.aliases().includes(word));
        if (!next) {
          const topics = Object.keys(HELP_TOPICS).join(', ');
          throw new UsageError(`No command or help topic "${words.join(' ')}" (topics: ${topics}).`);
        }
        command = next;
      }
      // outputHelp, not helpInformation: the examples are added by help events.
      command.outputHelp();
    });
}
