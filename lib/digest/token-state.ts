/** What a token action's button shows (components/digest/token-action-button.tsx). */
export interface TokenActionState {
  done: boolean;
  problem: string | null;
}

export const TOKEN_IDLE: TokenActionState = { done: false, problem: null };

/** A token action's result as its button's state. */
export function tokenActionState(result: { ok: boolean; message?: string }): TokenActionState {
  return result.ok ? { done: true, problem: null } : { done: false, problem: result.message ?? "Something went wrong." };
}
