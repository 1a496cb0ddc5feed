import { describe, expect, it } from 'vitest';
import { diagnosticMessage, packArgument, UsageError } from './args.ts';

describe('packArgument', () => {
  it('takes the one pack path, as a positional or as --pack', () => {
    expect(packArgument(['policies/default'], undefined, 'validate <pack>')).toBe('policies/default');
    expect(packArgument([], 'policies/default', 'validate <pack>')).toBe('policies/default');
  });

  it('refuses none, two, or an empty one, naming the command form', () => {
    for (const [positionals, pack] of [
      [[], undefined],
      [['a', 'b'], undefined],
      [['a'], 'b'],
      [[], ''],
    ] as const) {
      expect(() => packArgument(positionals, pack, 'test <pack>')).toThrow(UsageError);
      expect(() => packArgument(positionals, pack, 'test <pack>')).toThrow(
        'test takes one pack path: test <pack>',
      );
    }
  });
});

describe('diagnosticMessage', () => {
  it('is the message with its suggestion in brackets, as `file:line:col: message` prints it', () => {
    expect(
      diagnosticMessage({ message: 'unknown modifier "contians"', suggestion: 'did you mean "contains"?' }),
    ).toBe('unknown modifier "contians" (did you mean "contains"?)');
    expect(diagnosticMessage({ message: 'plain' })).toBe('plain');
  });
});
