import { TransitionError } from '../errors/errors.js';

/** An explicit state machine: for each status, the statuses it may move to. */
export interface StateMachine<S extends string> {
  readonly name: string;
  readonly transitions: { readonly [From in S]: readonly S[] };
}

export function defineMachine<S extends string>(name: string, transitions: { [From in S]: readonly S[] }): StateMachine<S> {
  return { name, transitions };
}

export function canTransition<S extends string>(machine: StateMachine<S>, from: S, to: S): boolean {
  return machine.transitions[from]?.includes(to) ?? false;
}

/** Throws a TransitionError naming the allowed moves when `from -> to` is not an edge of the machine. */
export function assertTransition<S extends string>(machine: StateMachine<S>, from: S, to: S): void {
  if (!canTransition(machine, from, to)) {
    throw new TransitionError(machine.name, from, to, [...(machine.transitions[from] ?? [])]);
  }
}
