import { ContextProvider } from '@lit/context';
import { css, html, LitElement, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import type { CaseManager } from '@casekit/core';
import { ensureContextRoot, managerContext } from '../../controllers/manager-context.js';

/**
 * @summary Provides a `CaseManager` to every casekit element inside it.
 *
 * Wrap a page region (or the whole app) once; the elements inside find the manager through Lit
 * context (`@lit/context`), so none of them needs its own `manager` property. Lays out nothing itself
 * (`display: contents`). Put `lang` (and `dir`) on it to localize everything inside.
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

  protected override render() {
    return html`<slot></slot>`;
  }
}
