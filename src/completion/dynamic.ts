/**
 * Values completed at Tab time through the hidden `credyt __complete KIND`: they live in
 * the profile store or behind the API, so no script could carry them.
 */
export const DYNAMIC_KINDS = ['profiles', 'assets', 'accounts'] as const;
export type DynamicKind = (typeof DYNAMIC_KINDS)[number];

/** Flags whose value is a profile name, an asset code or a connected account id, wherever they appear. */
const OPTIONS: Record<string, DynamicKind> = {
  '--profile': 'profiles',
  '--asset': 'assets',
  '--account': 'accounts',
};

/** Positional arguments, as `command path <argument>`; a test checks each still exists. */
export const DYNAMIC_ARGUMENTS: Record<string, DynamicKind> = {
  'profiles use <name>': 'profiles',
  'profiles show <name>': 'profiles',
  'profiles remove <name>': 'profiles',
  'assets get <code>': 'assets',
  'assets quote <code>': 'assets',
  'rates add <code>': 'assets',
  'rates list <code>': 'assets',
  'adjust <asset>': 'assets',
  'top-up <currency>': 'assets',
  'accounts get <account>': 'accounts',
  'profiles account <name>': 'profiles',
  'profiles account <account>': 'accounts',
};

/**
 * Fixed values of arguments that commander does not know as choices (they are parsed
 * case-insensitively), as `command path <argument>`.
 */
export const ARGUMENT_VALUES: Record<string, string[]> = {
  'api <method>': ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'],
};

export function argumentValues(path: string, argument: string): string[] | undefined {
  const key = `${path} <${argument}>`;
  return Object.hasOwn(ARGUMENT_VALUES, key) ? ARGUMENT_VALUES[key] : undefined;
}

export function dynamicOption(long: string): DynamicKind | undefined {
  return Object.hasOwn(OPTIONS, long) ? OPTIONS[long] : undefined;
}

export function dynamicArgument(path: string, argument: string): DynamicKind | undefined {
  const key = `${path} <${argument}>`;
  return Object.hasOwn(DYNAMIC_ARGUMENTS, key) ? DYNAMIC_ARGUMENTS[key] : undefined;
}
