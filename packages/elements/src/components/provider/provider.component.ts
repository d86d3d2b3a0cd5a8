import { ContextProvider } from '@lit/context';
import { css, html, LitElement, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import type { CaseManager } from '@casekit/core';
import { ensureContextRoot, managerContext } from '../../controllers/manager-context.js';
import { tabbable } from '../../internal/focus-target.js';

/**
 * @summary Provides a `CaseManager` to every casekit element inside it.
 *
 * Wrap a page region (or the whole app) once; the elements inside find the manager through Lit
 * context (`@lit/context`), so none of them needs its own `manager` property. Lays out nothing itself
 * (`display: contents`). Put `lang` (and `dir`) on it to localize everything inside.
 *
 * `focus()` focuses the first casekit element (or control) inside that takes focus.
 *
 * @slot - Content that uses casekit elements, at any depth (shadow roots included).
 */
export class CkProvider extends LitElement {
  static override styles = css`
    :host {
      display: contents;
    }
  `;

  /** The manager to provide (from `createCaseManager`). Changing it updates every consumer. */
  @property({ attribute: false }) manager?: CaseManager;

  private readonly provider = new ContextProvider(this, { context: managerContext });

  constructor() {
    super();
    ensureContextRoot();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('manager')) this.provider.setValue(this.manager);
  }

  /** Focuses the first element inside that takes focus: a casekit element (its own `focus()`), else a control. */
  override focus(options?: FocusOptions): void {
    for (const el of this.querySelectorAll<HTMLElement>('*')) {
      const candidate = el.localName.startsWith('ck-') || tabbable(el);
      if (!candidate) continue;
      el.focus(options);
      // `:focus` matches a shadow host whose shadow tree holds focus; a casekit element with nothing to focus yet is skipped.
      if (el.matches(':focus')) return;
    }
  }

  protected override render() {
    return html`<slot></slot>`;
  }
}
