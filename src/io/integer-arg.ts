import { InvalidArgumentError } from 'commander';

/**
 * commander argument parser for a whole number in [min, max]. Low level, beside the other
 * input readers: the global flags (globals.ts) and the bulk flags (pipeline/) use it too,
 * and neither may import the commands.
 */
export function integerArg(min: number, max: number) {
  return (value: string): number => {
    if (!/^\d+$/.test(value.trim())) throw new InvalidArgumentError(`"${value}" is not a whole number.`);
    const n = Number.parseInt(value, 10);
    if (n < min || n > max) throw new InvalidArgumentError(`${n} is out of range ${min}–${max}.`);
    return n;
  };
}
