import { Failure } from './failure';

/**
 * Exactly once per requestId: answer with what an earlier request of the same id did, or do it
 * now. A unique key on the request id decides a race; the loser answers with the winner's result.
 */
export async function oncePerRequest<T>(
  earlier: () => Promise<T | null>,
  run: () => Promise<unknown>,
): Promise<T | Failure> {
  const found = await earlier();
  if (found) return found;
  try {
    const outcome = await run();
    if (outcome instanceof Failure) return outcome;
    return (await earlier())!;
  } catch (err) {
    if ((err as { code?: string }).code === '23505') {
      const raced = await earlier();
      if (raced) return raced;
    }
    throw err;
  }
}
