/**
 * `downgrade -1` is a revision target, not an option, but commander would read `-1` as an
 * unknown flag. Relative targets are wrapped before parsing and unwrapped by the commands.
 */
const RELATIVE = /^-\d+$/;
const PREFIX = 'relative-target:';

export function protectRelativeTargets(argv: readonly string[]): string[] {
  return argv.map((arg) => (RELATIVE.test(arg) ? PREFIX + arg : arg));
}

export function unwrapTarget(arg: string): string {
  return arg.startsWith(PREFIX) ? arg.slice(PREFIX.length) : arg;
}
