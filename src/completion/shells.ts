/** Shells with a completion script. */
export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

/** File names of the committed scripts in `completions/`. */
export const SCRIPT_FILES: Record<Shell, string> = { bash: 'credyt.bash', zsh: '_credyt', fish: 'credyt.fish' };
