import { UsageError } from '../args.ts';

export async function run(_args: string[]): Promise<number> {
  throw new UsageError('the "exercises" command is not available yet');
}
