import { UsageError } from '../args.ts';

export async function run(_args: string[]): Promise<number> {
  throw new UsageError('the "import" command is not available yet');
}
