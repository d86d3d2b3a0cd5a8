import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Cards rendered above and below the viewport, so fast scrolling shows no gap before the next render. */
const OVERSCAN = 3;
/** Cards measured before the estimated card height stops changing. */
const SETTLE_AFTER = 20;
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

/** What to render of a board column whose cards have different heights. */
export interface ColumnWindow {
  /** Index range [start, end) of the cards to render. */
  start: number;
  end: number;
  /** Offset of card `start` from the top of the column (space above the rendered cards). */
  top: number;
  /** Height of the whole column, measured cards plus estimates for the rest. */
  height: number;
  /** The next window down, [end, prefetchEnd): loaded ahead so scrolling into it shows cards at once. */
  prefetchEnd: number;
}

/**
 * Scroll positions, viewport sizes and card heights of the board's scrollers, which windowing needs.
 *
 * Cards are as tall as their content (badges wrap; Spanish labels are longer), so each rendered
 * card's height is measured after render and kept by case id; cards not measured yet count as the
 * average measured height. The list view's rows keep one fixed, measured height.
 */
export class BoardWindowController implements ReactiveController {
  /** Estimated height of a card plus the gap, for cards not measured yet (the average of those measured). */
  cardSlot = 112;
  rowSlot = 48;
  private readonly heights = new Map<string, number>();
  private settled = false;
  private readonly scrollTops = new Map<string, number>();
  private readonly viewports = new Map<string, { height: number; width: number }>();
  private readonly resizeObserver = typeof ResizeObserver === 'undefined' ? undefined : new ResizeObserver((entries) => this.onResize(entries));
  private readonly observed = new WeakSet<Element>();

  constructor(private readonly host: ReactiveControllerHost & { readonly renderRoot: HTMLElement | DocumentFragment }) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.resizeObserver?.disconnect();
  }

  /** The window of the list (`LIST`): fixed-height rows. */
  range(key: string, total: number, slot: number, cap: number): [number, number] {
    return windowRange({ top: this.scrollTops.get(key) ?? 0, height: this.viewport(key), slot, total, cap });
  }

  /** Height of a card (with its gap): measured, or the estimate. */
  cardHeight(id: string | undefined): number {
    return (id !== undefined ? this.heights.get(id) : undefined) ?? this.cardSlot;
  }

  /** Offset of card `index` in a column whose loaded cases have ids `ids`. */
  offsetOf(ids: readonly string[], index: number): number {
    let y = CARD_GAP;
    const loaded = Math.min(index, ids.length);
    for (let i = 0; i < loaded; i++) y += this.cardHeight(ids[i]);
    return y + Math.max(0, index - ids.length) * this.cardSlot;
  }

  /** The window of board column `key`: the cards in view, OVERSCAN more each side, at most `cap`. */
  column(key: string, ids: readonly string[], total: number, cap: number): ColumnWindow {
    const scrollTop = this.scrollTops.get(key) ?? 0;
    const bottom = scrollTop + this.viewport(key);
    const est = this.cardSlot;
    const heightAt = (i: number) => (i < ids.length ? this.cardHeight(ids[i]) : est);
    // First card whose bottom is below the top of the viewport. Past the loaded cases every card is
    // an estimate, so that stretch is skipped arithmetically (columns can hold thousands).
    let first = 0;
    let y = CARD_GAP;
    while (first < total && first < ids.length && y + heightAt(first) <= scrollTop) y += heightAt(first++);
    if (first >= ids.length && first < total) {
      const skip = Math.min(total - 1 - first, Math.max(0, Math.floor((scrollTop - y) / est)));
      first += skip;
      y += skip * est;
    }
    let start = first;
    let top = y;
    for (let n = 0; n < OVERSCAN && start > 0; n++) top -= heightAt(--start);
    let end = first;
    for (let bottomOf = y; end < total && bottomOf < bottom; ) bottomOf += heightAt(end++);
    end = Math.min(total, end + OVERSCAN, start + cap);
    const height = this.offsetOf(ids, total);
    return { start, end, top, height, prefetchEnd: Math.min(total, end + (end - start)) };
  }

  /** Starts watching scrollers rendered since the last call. */
  observeScrollers(): void {
    for (const el of this.host.renderRoot.querySelectorAll<HTMLElement>('.scroller')) {
      if (!this.observed.has(el)) {
        this.observed.add(el);
        this.resizeObserver?.observe(el);
        this.viewports.set(el.dataset.key!, { height: el.clientHeight || 600, width: el.clientWidth });
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

  /** Measures the rendered cards and the list row height; requests an update when they changed. */
  measure(): void {
    const root = this.host.renderRoot;
    let changed = false;
    for (const card of root.querySelectorAll<HTMLElement>('.card[data-id]')) {
      if (!card.offsetHeight) continue;
      const slot = card.offsetHeight + CARD_GAP;
      const id = card.dataset.id!;
      if (Math.abs(slot - (this.heights.get(id) ?? -1)) > 0.5) {
        this.heights.set(id, slot);
        changed = true;
      }
    }
    // The estimate settles after the first cards: one that kept changing would move every unmeasured
    // card (thousands) and with them the scroll position the user chose.
    if (changed && !this.settled) {
      let sum = 0;
      for (const h of this.heights.values()) sum += h;
      this.cardSlot = sum / this.heights.size;
      this.settled = this.heights.size >= SETTLE_AFTER;
    }
    const row = root.querySelector<HTMLElement>('.list-body .row');
    if (row && row.offsetHeight && Math.abs(row.offsetHeight - this.rowSlot) > 0.5) {
      this.rowSlot = row.offsetHeight;
      changed = true;
    }
    if (changed) this.host.requestUpdate();
  }

  readonly onScroll = (event: Event): void => {
    const el = event.currentTarget as HTMLElement;
    this.scrollTops.set(el.dataset.key!, el.scrollTop);
    this.host.requestUpdate();
  };

  private viewport(key: string): number {
    return this.viewports.get(key)?.height ?? 600;
  }

  private onResize(entries: ResizeObserverEntry[]): void {
    let changed = false;
    for (const entry of entries) {
      const el = entry.target as HTMLElement;
      const key = el.dataset.key;
      const before = key ? this.viewports.get(key) : undefined;
      if (!key || (before?.height === el.clientHeight && before.width === el.clientWidth)) continue;
      // Rendered cards are re-measured on every update. A much wider or narrower column (a window
      // resize, not a scrollbar coming or going) wraps badges differently: forget the others too.
      if (before && Math.abs(before.width - el.clientWidth) > before.width * 0.1) {
        this.heights.clear();
        this.settled = false;
      }
      this.viewports.set(key, { height: el.clientHeight, width: el.clientWidth });
      changed = true;
    }
    // Next frame: a render from inside the observer's callback can resize what it observes (a
    // scrollbar comes or goes), which the browser reports as a ResizeObserver loop.
    if (changed) requestAnimationFrame(() => this.host.requestUpdate());
  }
}
