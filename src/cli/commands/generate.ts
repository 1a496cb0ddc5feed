import { UsageError } from '../args.ts';

export async function run(_args: string[]): Promise<number> {
  throw new UsageError('the "generate" command is not available yet');
}
