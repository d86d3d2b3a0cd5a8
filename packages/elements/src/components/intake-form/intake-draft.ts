import { type CaseManager, type QuestionnaireDefinition, type VersionRef, hasErrorCode } from '@casekit/core';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { LocalizeController } from '../../controllers/localize-controller.js';
import type { IntakeDraftData } from './intake-types.js';

export type DraftStatus = 'idle' | 'saving' | 'saved' | 'restored' | 'conflict' | 'error';

/** What the autosave reads from, and reports to, the form. */
export interface IntakeDraftHost {
  readonly localize: LocalizeController;
  definition(): QuestionnaireDefinition | undefined;
  /** The key the draft is saved under (`effectiveDraftKey`). */
  key(): string;
  /** The case and client a draft belongs to (kept with it, so a host can list a case's drafts). */
  links(): { caseId?: string; clientId?: string };
  /** Autosave delay in milliseconds. */
  delay(): number;
  /** Only a form being edited saves (not while loading, submitting or after a submit). */
  editing(): boolean;
  /** Something was typed since the draft was last loaded or saved. */
  dirty(): boolean;
  setDirty(dirty: boolean): void;
  data(): IntakeDraftData;
  /** Restores draft data; false when it is not a draft of this questionnaire. */
  restore(data: unknown): boolean;
  /** A blocking load started: the form shows "Loading". */
  loadStarted(): void;
  /** A load ended (restored or not): leave "Loading", re-evaluate and re-render. */
  loadEnded(): void;
  announce(text: string): void;
  reportError(error: unknown, operation: string): void;
}

/**
 * Autosaves the form's draft through `manager.drafts` a moment after the last edit, one write at a
 * time and always against the version last read or written, so two tabs editing the same draft
 * produce a conflict (the user picks a side) instead of one silently winning. Every load, submit
 * and reset bumps a generation, which makes any write or read still in flight forget its result.
 */
export class IntakeDraftController implements ReactiveController {
  /** The manager drafts are read from and written to (the one in use when the source was set). */
  manager?: CaseManager;
  /** The stored draft's version this form is based on. */
  ref?: VersionRef;
  /** Set while a stored draft is being looked up. */
  loading?: Promise<void>;
  private currentStatus: DraftStatus = 'idle';
  private generation = 0;
  private timer?: ReturnType<typeof setTimeout>;
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly form: IntakeDraftHost,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    // Removed (navigation, a closing panel): save what is pending now rather than lose it.
    if (this.timer !== undefined) void this.flush();
  }

  get status(): DraftStatus {
    return this.currentStatus;
  }

  set status(value: DraftStatus) {
    if (value === this.currentStatus) return;
    this.currentStatus = value;
    this.host.requestUpdate();
  }

  /** Whether an autosave is waiting for its delay. */
  get pending(): boolean {
    return this.timer !== undefined;
  }

  /** Makes reads and writes in flight forget their results; resolves when the last write has settled. */
  async invalidate(): Promise<void> {
    this.generation++;
    await this.chain;
  }

  cancelAutosave(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Saves `delay()` ms after the last call (not while the draft conflicts with another tab's). */
  schedule(): void {
    if (!this.manager || !this.form.definition() || !this.form.editing() || this.status === 'conflict') return;
    this.cancelAutosave();
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.save();
    }, this.form.delay());
  }

  /** Saves now instead of waiting for the autosave delay. */
  async flush(): Promise<void> {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
      void this.save();
    }
    await this.chain;
  }

  /** Queues a write; `force` overwrites whatever is stored (the user chose "keep my draft"). */
  save(force = false): Promise<void> {
    this.chain = this.chain.then(() => this.write(force));
    return this.chain;
  }

  /** Looks up the stored draft; restores it unless the user typed meanwhile (`force`: restore anyway). */
  load(manager: CaseManager, key: string, force = false): Promise<void> {
    this.loading = this.read(manager, key, force);
    return this.loading;
  }

  /** The user chose "keep my draft" in a conflict: overwrite the other tab's. */
  async keepMine(): Promise<void> {
    this.status = 'idle';
    await this.save(true);
  }

  /** The user chose "load the other draft" in a conflict: restore the stored one over what was typed here. */
  async loadOther(): Promise<void> {
    const manager = this.manager;
    if (!manager) return;
    this.form.setDirty(false);
    await this.load(manager, this.form.key(), true);
  }

  /** Deletes the stored draft (after a reset). */
  async discard(): Promise<void> {
    const manager = this.manager;
    if (!manager || !this.form.definition()) return;
    await this.invalidate();
    try {
      await manager.drafts.discard(this.form.key());
      this.ref = undefined;
    } catch (error) {
      this.form.reportError(error, 'draft');
    }
  }

  private async read(manager: CaseManager, key: string, force: boolean): Promise<void> {
    const gen = ++this.generation;
    const block = force || !this.form.dirty();
    if (block) this.form.loadStarted();
    try {
      const draft = await manager.drafts.get(key);
      if (gen !== this.generation) return;
      this.ref = draft ? { id: draft.id, version: draft.version } : undefined;
      if (draft && block && this.form.restore(draft.data)) {
        this.form.setDirty(false);
        this.status = 'restored';
        this.form.announce(this.form.localize.t.intakeForm.draftRestored);
      } else if (force) {
        this.status = 'idle';
      }
    } catch (error) {
      if (gen === this.generation) {
        this.status = 'error';
        this.form.reportError(error, 'draft');
      }
    } finally {
      if (gen === this.generation) {
        this.loading = undefined;
        this.form.loadEnded();
      }
    }
  }

  private async write(force: boolean): Promise<void> {
    const manager = this.manager;
    const definition = this.form.definition();
    if (!manager || !definition || !this.form.editing() || !this.form.dirty()) return;
    const gen = this.generation;
    this.status = 'saving';
    const { caseId, clientId } = this.form.links();
    try {
      const saved = await manager.drafts.save(
        this.form.key(),
        {
          kind: `intake:${definition.id}`,
          data: this.form.data() as unknown as Record<string, never>,
          ...(caseId ? { caseId } : {}),
          ...(clientId ? { clientId } : {}),
        },
        force ? undefined : this.ref,
      );
      if (gen !== this.generation) return;
      this.ref = { id: saved.id, version: saved.version };
      this.status = 'saved';
    } catch (error) {
      if (gen !== this.generation) return;
      if (hasErrorCode(error, 'conflict')) {
        this.status = 'conflict';
        this.form.announce(this.form.localize.t.intakeForm.draftConflict);
      } else {
        this.status = 'error';
        this.form.reportError(error, 'autosave');
      }
    }
  }
}
