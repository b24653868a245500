// An event's identity is its workflow and the sender's id: the same id in another workflow is another event. So a
// key limited to one workflow can neither squat an id another workflow will use nor learn whether it exists there.

/** One string per identity, for maps and sets (NUL cannot occur in a workflow key). */
export const eventKey = (event: { workflow: string; id: string }): string => `${event.workflow}\u0000${event.id}`;

/** The primary key's order, (workflow, id): concurrent Postgres transactions that insert in it take their locks in one order. */
export function byIdentity(a: { workflow: string; id: string }, b: { workflow: string; id: string }): number {
  if (a.workflow !== b.workflow) return a.workflow < b.workflow ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
