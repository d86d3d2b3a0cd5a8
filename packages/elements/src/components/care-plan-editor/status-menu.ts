import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';

export interface StatusMenuItem {
  value: string;
  label: string;
}

/** One status menu: the statuses core allows from the current one. */
export interface StatusMenu {
  /** Unique per menu (`plan`, `goal:<id>`, `task:<id>`); also its `data-menu` attribute. */
  key: string;
  /** What the menu changes, e.g. "Goal status: Find stable housing". */
  label: string;
  /** The current status, shown on the button. */
  current: string;
  items: StatusMenuItem[];
  /** Called with the chosen status and the menu button (where focus returns after a dialog). */
  pick: (value: string, trigger: HTMLElement | undefined) => void;
  statusClass: string;
  disabled: boolean;
}

export interface StatusMenuOptions {
  /** Moves focus to the first match of `selector` after the next render. */
  focus(selector: string): void;
  /** A dialog opened by the pick keeps focus; otherwise it returns to the menu button. */
  dialogOpen(): boolean;
}

/**
 * The editor's status menus (at most one open): a menu button pattern with arrow keys, Home, End and
 * Escape, closed by tabbing away or by a pointer down anywhere outside it.
 */
export class StatusMenuController implements ReactiveController {
  private openKey?: string;

  constructor(
    private readonly host: ReactiveControllerHost & { readonly renderRoot: HTMLElement | DocumentFragment },
    private readonly options: StatusMenuOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    // Capture phase on the document: a click anywhere, inside other shadow roots too, closes the menu.
    document.addEventListener('pointerdown', this.onPointerDown, true);
  }

  hostDisconnected(): void {
    document.removeEventListener('pointerdown', this.onPointerDown, true);
  }

  private get open(): string | undefined {
    return this.openKey;
  }

  private set open(key: string | undefined) {
    if (key === this.openKey) return;
    this.openKey = key;
    this.host.requestUpdate();
  }

  /** A menu button, or a plain badge when no status is allowed. */
  render(menu: StatusMenu): TemplateResult {
    const { key, label, current, items, statusClass } = menu;
    if (!items.length) return html`<span class="ck-badge status ${statusClass}" part="badge" data-status-of=${key} tabindex="-1">${current}</span>`;
    const open = this.open === key;
    const listId = `menu-${key}`.replace(/[^A-Za-z0-9_-]/g, '_');
    return html`<div class="menu-wrap" @focusout=${(e: FocusEvent) => this.onFocusOut(e, key)}>
      <button
        type="button"
        class="ck-button menu-button ${statusClass}"
        part="button menu-button"
        data-menu=${key}
        aria-haspopup="menu"
        aria-expanded=${open ? 'true' : 'false'}
        aria-controls=${open ? listId : nothing}
        aria-label=${`${current} — ${label}`}
        ?disabled=${menu.disabled}
        @click=${() => this.toggle(key)}
        @keydown=${(e: KeyboardEvent) => this.onButtonKey(e, key)}
      >
        ${current} <span aria-hidden="true">▾</span>
      </button>
      ${open
        ? html`<div class="menu" part="menu" role="menu" id=${listId} aria-label=${label} data-menu-list=${key} @keydown=${(e: KeyboardEvent) => this.onMenuKey(e, key)}>
            ${items.map(
              (item) => html`<button type="button" role="menuitem" tabindex="-1" part="menu-item" data-value=${item.value} @click=${() => this.choose(menu, item.value)}>
                ${item.label}
              </button>`,
            )}
          </div>`
        : nothing}
    </div>`;
  }

  private choose(menu: StatusMenu, value: string): void {
    const key = CSS.escape(menu.key);
    const trigger = this.host.renderRoot.querySelector<HTMLElement>(`[data-menu="${key}"]`) ?? undefined;
    this.open = undefined;
    menu.pick(value, trigger);
    // After the change the button may have become a badge (no statuses left): focus whichever exists.
    if (!this.options.dialogOpen()) this.options.focus(`[data-menu="${key}"], [data-status-of="${key}"]`);
  }

  private toggle(key: string): void {
    this.open = this.open === key ? undefined : key;
    if (this.open) this.options.focus(`[data-menu-list="${CSS.escape(key)}"] [role="menuitem"]`);
  }

  private close(key: string, focusButton: boolean): void {
    if (this.open !== key) return;
    this.open = undefined;
    if (focusButton) this.options.focus(`[data-menu="${CSS.escape(key)}"]`);
  }

  private onButtonKey(e: KeyboardEvent, key: string): void {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      this.open = key;
      const items = `[data-menu-list="${CSS.escape(key)}"] [role="menuitem"]`;
      this.options.focus(e.key === 'ArrowUp' ? `${items}:last-child` : items);
    }
  }

  private onMenuKey(e: KeyboardEvent, key: string): void {
    const items = [...(e.currentTarget as HTMLElement).querySelectorAll<HTMLElement>('[role="menuitem"]')];
    const index = items.indexOf(e.target as HTMLElement);
    const focus = (i: number) => items[(i + items.length) % items.length]?.focus();
    switch (e.key) {
      case 'ArrowDown':
        e.preventDefault();
        focus(index + 1);
        break;
      case 'ArrowUp':
        e.preventDefault();
        focus(index - 1);
        break;
      case 'Home':
        e.preventDefault();
        focus(0);
        break;
      case 'End':
        e.preventDefault();
        focus(items.length - 1);
        break;
      case 'Escape':
        e.preventDefault();
        e.stopPropagation();
        this.close(key, true);
        break;
      case 'Tab':
        this.close(key, false);
        break;
    }
  }

  /** Tabbing (or otherwise focusing) out of an open menu closes it; clicks outside are handled by `onPointerDown`. */
  private onFocusOut(e: FocusEvent, key: string): void {
    const next = e.relatedTarget as Node | null;
    if (next && !(e.currentTarget as HTMLElement).contains(next)) this.close(key, false);
  }

  private readonly onPointerDown = (e: PointerEvent): void => {
    if (!this.open) return;
    const wrap = this.host.renderRoot.querySelector(`[data-menu="${CSS.escape(this.open)}"]`)?.parentElement;
    if (wrap && !e.composedPath().includes(wrap)) this.close(this.open, false);
  };
}
