import { LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import type { CaseManager } from '@casekit/core';
import { LocalizeController } from '../controllers/localize-controller.js';
import { emit, type CkEventMap, type CkEventName } from '../events/events.js';
import type { LocalizedError } from '../translations/error-messages.js';
import { pendingTranslation } from '../translations/registry.js';
import { firstTabbable } from './focus-target.js';

/**
 * Base class of casekit elements: the `manager` property, a localizer, typed event dispatch and
 * error reporting. Subclasses add a `ManagerController` with their own collections and loaders:
 *
 * ```ts
 * export class CkThing extends CasekitElement {
 *   private readonly casekit = new ManagerController(this, { collections: ['cases'], onManager: () => this.load(), onChange: () => this.load() });
 * }
 * ```
 *
 * `focus()` on the element moves focus into it, to `focusTarget()` (subclasses say which control
 * is the useful one), so a host can send the user "to the notes" with `notes.focus()`.
 */
export class CasekitElement extends LitElement {
  /**
   * The case manager to use. Optional inside a `<ck-provider>`, which provides one to every
   * descendant; set it to override the provider's.
   */
  @property({ attribute: false }) manager?: CaseManager;

  /** Language, direction, translation table and `Intl` formatting for this element. */
  protected readonly localize = new LocalizeController(this);

  /**
   * Also waits for a language loaded on demand (e.g. Spanish) and the re-render in it, so
   * `await el.updateComplete` means the element shows its final text.
   */
  protected override async getUpdateComplete(): Promise<boolean> {
    const rendered = await super.getUpdateComplete();
    const pending = pendingTranslation(this.localize.lang);
    if (!pending) return rendered;
    await pending;
    return super.getUpdateComplete();
  }

  /**
   * Moves focus into the element: to its first meaningful control (see each element's docs), else
   * its heading. Focus already inside the element stays where it is (as with `delegatesFocus`).
   */
  override focus(options?: FocusOptions): void {
    if (this.shadowRoot?.activeElement) return;
    const target = this.hasUpdated ? this.focusTarget() : null;
    if (target) target.focus(options);
    else super.focus(options);
  }

  /** Where `focus()` puts focus; by default the first Tab stop. Null: nowhere (nothing rendered yet). */
  protected focusTarget(): HTMLElement | null {
    return firstTabbable(this.renderRoot);
  }

  /**
   * What every element's `loadComplete` means: rendered, each runner idle (runs it picked up meanwhile
   * included; `busy`, when a runner has it, says a run started since), every other wait settled, and
   * rendered again with what they loaded.
   */
  protected async settle(runners: readonly { readonly busy?: boolean; idle(): Promise<unknown> }[], ...waits: (() => unknown)[]): Promise<void> {
    await this.updateComplete;
    for (const runner of runners) {
      if (runner.busy === undefined) await runner.idle();
      else while (runner.busy) await runner.idle();
    }
    for (const wait of waits) await wait();
    await this.updateComplete;
  }

  /** Dispatches a typed `ck-*` event from this element (bubbles, composed). False when vetoed. */
  protected emit<K extends CkEventName>(type: K, detail: CkEventMap[K]): boolean {
    return emit(this, type, detail);
  }

  /** Localizes an error, fires `ck-error`, and returns the messages to show. */
  protected reportError(error: unknown, operation: string, fieldLabel?: (path: string) => string | undefined): LocalizedError {
    const described = this.localize.error(error, fieldLabel);
    this.emit('ck-error', { error, code: described.code, message: described.message, operation });
    return described;
  }
}
