/**
 * What a message costs: one credit per distinct recipient address, To and CC together.
 * The send dialog, the bulk preview and the outbox all use this one rule.
 */
export function messageCost(to: readonly string[], cc: readonly string[]): number {
  return new Set([...to, ...cc].map((a) => a.trim().toLowerCase()).filter(Boolean)).size;
}
