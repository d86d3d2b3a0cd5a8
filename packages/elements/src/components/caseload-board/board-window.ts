import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Cards rendered above and below the viewport, so fast scrolling shows no gap before the next render. */
const OVERSCAN = 3;
/** Space between cards; part of a card's slot. */
export const CARD_GAP = 8;
/** Key of the list view's single "column". */
export const LIST = '__list';

/** What to render of a column: the scroll position, the viewport and the size of one item. */
export interface WindowInput {
  /** `scrollTop` of the column's scroller. */
  top: number;
  /** Viewport height. */
  height: number;
  /** Height of one card (with its gap) or list row. */
  slot: number;
  /** Cases in the column (not just loaded ones): the spacer is sized for all of them. */
  total: number;
  /** At most this many items at once (the board shares its DOM budget between columns). */
  cap: number;
}

/** Index range [start, end) of the items to render. */
export function windowRange({ top, height, slot, total, cap }: WindowInput): [number, number] {
  const start = Math.max(0, Math.floor(top / slot) - OVERSCAN);
  const end = Math.min(total, Math.ceil((top + height) / slot) + OVERSCAN, start + cap);
  return [start, end];
}

/**
 * Scroll positions, viewport heights and item sizes of the board's scrollers, which windowing needs.
 * Viewports are watched with a ResizeObserver; item sizes are measured from the first rendered card
 * and row (the theme and the user's font size decide them).
 */
export class BoardWindowController implements ReactiveController {
  /** Height of a card plus the gap. */
  cardSlot = 112;
  rowSlot = 48;
  private readonly scrollTops = new Map<string, number>();
  private readonly viewports = new Map<string, number>();
  private readonly resizeObserver = typeof ResizeObserver === 'undefined' ? undefined : new ResizeObserver((entries) => this.onResize(entries));
  private readonly observed = new WeakSet<Element>();

  constructor(private readonly host: ReactiveControllerHost & { readonly renderRoot: HTMLElement | DocumentFragment }) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.resizeObserver?.disconnect();
  }

  /** The window of column `key` (the list: `LIST`). */
  range(key: string, total: number, slot: number, cap: number): [number, number] {
    return windowRange({ top: this.scrollTops.get(key) ?? 0, height: this.viewports.get(key) ?? 600, slot, total, cap });
  }

  /** Starts watching scrollers rendered since the last call. */
  observeScrollers(): void {
    for (const el of this.host.renderRoot.querySelectorAll<HTMLElement>('.scroller')) {
      if (!this.observed.has(el)) {
        this.observed.add(el);
        this.resizeObserver?.observe(el);
        this.viewports.set(el.dataset.key!, el.clientHeight || 600);
      }
    }
  }

  /** Scrolls every column back to the top (new filters, view or grouping). */
  scrollAllToTop(): void {
    for (const el of this.host.renderRoot.querySelectorAll<HTMLElement>('.scroller')) el.scrollTop = 0;
    this.scrollTops.clear();
  }

  /** Forgets scroll positions (the next load starts at the top). */
  forgetScroll(): void {
    this.scrollTops.clear();
  }

  setScrollTop(key: string, top: number): void {
    this.scrollTops.set(key, top);
  }

  /** Re-measures card and row heights; requests an update when they changed. */
  measure(): void {
    const root = this.host.renderRoot;
    const card = root.querySelector<HTMLElement>('.card');
    if (card && card.offsetHeight) {
      const slot = card.offsetHeight + CARD_GAP;
      if (Math.abs(slot - this.cardSlot) > 0.5) {
        this.cardSlot = slot;
        this.host.requestUpdate();
      }
    }
    const row = root.querySelector<HTMLElement>('.list-body .row');
    if (row && row.offsetHeight && Math.abs(row.offsetHeight - this.rowSlot) > 0.5) {
      this.rowSlot = row.offsetHeight;
      this.host.requestUpdate();
    }
  }

  readonly onScroll = (event: Event): void => {
    const el = event.currentTarget as HTMLElement;
    this.scrollTops.set(el.dataset.key!, el.scrollTop);
    this.host.requestUpdate();
  };

  private onResize(entries: ResizeObserverEntry[]): void {
    let changed = false;
    for (const entry of entries) {
      const el = entry.target as HTMLElement;
      const key = el.dataset.key;
      if (key && this.viewports.get(key) !== el.clientHeight) {
        this.viewports.set(key, el.clientHeight);
        changed = true;
      }
    }
    if (changed) this.host.requestUpdate();
  }
}
