import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { displayName, type CaseManager, type DuplicateCandidate } from '@casekit/core';
import type { IntakeClientFields } from './intake-types.js';
import type { FullDuplicate } from './intake-confirmation.js';

/** What the duplicate check reads from the form. */
export interface DuplicateCheckOptions {
  manager(): CaseManager | undefined;
  /** The client fields as typed. */
  client(): IntakeClientFields;
  /** Only a new client is checked (not with `client-id`, not in assessment mode, not when the policy refuses). */
  enabled(): boolean;
  delay(): number;
}

/** The existing client the user chose instead of creating a new one. */
export interface ChosenClient {
  id: string;
  name: string;
  birthDate?: string | undefined;
}

/**
 * Looks for possible duplicates of the client being typed, a moment after the name and birth date
 * are in (core matches on birth date plus a similar name), so the user can pick the person already on
 * file before saving a second record. It asks `manager.clients.findDuplicates`: the policy decides
 * what may be seen and every client shown is audited as disclosed. The same input is never asked twice
 * (each answer is an audited disclosure); an answer to input typed over since is dropped.
 */
export class DuplicateCheckController implements ReactiveController {
  matches: DuplicateCandidate[] = [];
  chosen?: ChosenClient;
  private timer?: ReturnType<typeof setTimeout>;
  private lastQuery = '';
  private generation = 0;
  /** The check in flight, for `loadComplete`-style waiting in hosts and tests. */
  pending?: Promise<void>;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: DuplicateCheckOptions,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    clearTimeout(this.timer);
  }

  /** Called after each edit of the client fields. */
  schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.check(), this.options.delay());
  }

  /** Forgets matches and choice (a reset or another questionnaire). */
  reset(): void {
    clearTimeout(this.timer);
    this.generation++;
    this.matches = [];
    this.chosen = undefined;
    this.lastQuery = '';
  }

  choose(candidate: FullDuplicate): void {
    this.chosen = { id: candidate.client.id, name: displayName(candidate.client.name), birthDate: candidate.client.birthDate };
    this.host.requestUpdate();
  }

  unchoose(): void {
    this.chosen = undefined;
    this.host.requestUpdate();
  }

  private async check(): Promise<void> {
    const manager = this.options.manager();
    const c = this.options.client();
    const given = c.given.trim();
    const family = c.family.trim();
    const complete = !!given && !!family && /^\d{4}-\d{2}-\d{2}$/.test(c.birthDate);
    const query = complete ? JSON.stringify([given, family, c.birthDate]) : '';
    if (!manager || !this.options.enabled() || query === this.lastQuery) return;
    this.lastQuery = query;
    const generation = ++this.generation;
    if (!complete) {
      if (this.matches.length) {
        this.matches = [];
        this.host.requestUpdate();
      }
      return;
    }
    const run = (async () => {
      let matches: DuplicateCandidate[];
      try {
        matches = await manager.clients.findDuplicates({ name: { given: [given], family }, birthDate: c.birthDate });
      } catch {
        // A refusal or a storage problem: no hint, and saving still reports what core says.
        matches = [];
      }
      if (generation !== this.generation) return;
      this.matches = matches;
      this.host.requestUpdate();
    })();
    this.pending = run;
    await run;
    if (this.pending === run) this.pending = undefined;
  }
}
