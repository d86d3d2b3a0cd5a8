import { compileQuestionnaire, hasErrorCode, loadInstrument, NotFoundError, type CaseManager, type QuestionnaireDefinition } from '@casekit/core';

/** What the definition lookup is told when a loaded definition arrives or fails. */
export interface DefinitionSourceEvents {
  loaded(): void;
  failed(error: unknown): void;
}

/**
 * The questionnaire to render: the `definition` property, else `questionnaire-id` looked up in the
 * manager's definitions (there at once), else fetched (the manager's loader, or a shipped instrument
 * without a manager) and picked up when it arrives.
 */
export class DefinitionSource {
  private loaded?: { id: string; manager: CaseManager | undefined; definition: QuestionnaireDefinition };
  private loading?: { id: string; manager: CaseManager | undefined; promise: Promise<void> };

  constructor(private readonly events: DefinitionSourceEvents) {}

  /** The fetch in flight (settles, never rejects), for `loadComplete`. */
  get pending(): Promise<void> | undefined {
    return this.loading?.promise;
  }

  /** The definition now, or undefined while it is being fetched. Throws what the manager's lookup throws (other than not-found). */
  resolve(definition: QuestionnaireDefinition | undefined, id: string | undefined, manager: CaseManager | undefined): QuestionnaireDefinition | undefined {
    if (definition) return definition;
    if (!id) return undefined;
    const loaded = this.loaded;
    if (loaded && loaded.id === id && loaded.manager === manager) return loaded.definition;
    // The host's definitions (and instruments already loaded) are there at once: no extra render.
    if (manager) {
      try {
        return manager.assessments.definition(id);
      } catch (error) {
        if (!hasErrorCode(error, 'not-found')) throw error;
      }
    }
    this.fetch(manager, id);
    return undefined;
  }

  /** `resolve`, and the definition compiled (so a broken one is refused before it is rendered); what either throws comes back as `error`. */
  resolveChecked(
    definition: QuestionnaireDefinition | undefined,
    id: string | undefined,
    manager: CaseManager | undefined,
  ): { ok: true; definition: QuestionnaireDefinition | undefined } | { ok: false; error: unknown } {
    try {
      const resolved = this.resolve(definition, id, manager);
      if (resolved) compileQuestionnaire(resolved);
      return { ok: true, definition: resolved };
    } catch (error) {
      return { ok: false, error };
    }
  }

  /** `resolve`, undefined when it throws (a reset only needs the definition's initial answers). */
  resolveQuietly(definition: QuestionnaireDefinition | undefined, id: string | undefined, manager: CaseManager | undefined): QuestionnaireDefinition | undefined {
    try {
      return this.resolve(definition, id, manager);
    } catch {
      return undefined;
    }
  }

  private fetch(manager: CaseManager | undefined, id: string): void {
    if (this.loading?.id === id && this.loading.manager === manager) return;
    const promise = (async () => {
      const definition = manager ? await manager.assessments.loadDefinition(id) : await loadInstrument(id);
      if (!definition) throw new NotFoundError('questionnaires', id);
      return definition;
    })();
    const load = { id, manager, promise: promise.then(() => undefined, () => undefined) };
    this.loading = load;
    promise.then(
      (definition) => {
        if (this.loading !== load) return;
        this.loaded = { id, manager, definition };
        this.events.loaded();
      },
      (error: unknown) => {
        if (this.loading === load) this.events.failed(error);
      },
    );
  }
}
