import { addInstance, instancesOf, removeInstance, type Answers, type InstanceRef, type VisibleItem } from '@casekit/core';

let instanceCounter = 0;
/** A new repeat-instance id: `<group>-<random>`; stable for the life of the instance. */
export function newInstanceId(group: string): string {
  const random = globalThis.crypto?.randomUUID?.().slice(0, 8) ?? `${Date.now().toString(36)}${(++instanceCounter).toString(36)}`;
  return `${group}-${random}`;
}

/** The answers map at a position inside repeating groups (`at`: the instance of each enclosing group). */
export function answersAt(answers: Answers, at: readonly InstanceRef[]): Answers | undefined {
  let map: Answers | undefined = answers;
  for (const ref of at) map = instancesOf(map, ref.group).find((i) => i.instanceId === ref.instanceId)?.answers;
  return map;
}

/** Adds an empty entry to the repeating group `group`; returns the new answers, the entry's id and its 1-based position. */
export function addEntry(answers: Answers, group: VisibleItem): { answers: Answers; instanceId: string; position: number } {
  const instanceId = newInstanceId(group.linkId);
  const next = addInstance(answers, group.linkId, { instanceId, at: group.at }).answers;
  return { answers: next, instanceId, position: instancesOf(answersAt(next, group.at), group.linkId).length };
}

/**
 * Removes an entry; returns the new answers, the removed entry's 1-based position, and the entry that
 * takes its place on screen (the next one, else the previous one) so focus has somewhere to go.
 */
export function removeEntry(answers: Answers, group: VisibleItem, instanceId: string): { answers: Answers; position: number; neighbour?: string } {
  const before = instancesOf(answersAt(answers, group.at), group.linkId);
  const index = before.findIndex((i) => i.instanceId === instanceId);
  const next = removeInstance(answers, group.linkId, instanceId, group.at);
  const after = instancesOf(answersAt(next, group.at), group.linkId);
  return { answers: next, position: index + 1, neighbour: (after[index] ?? after[index - 1])?.instanceId };
}
