import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CaseRecord } from '@casekit/core';

/** What keyboard focus on the board reads from, and asks of, the board. */
export interface BoardFocusHost {
  /** The board's shadow root. */
  root(): ParentNode;
  /** Right-to-left layout: Left and Right swap. */
  rtl(): boolean;
  /** Keys of the board's columns, in the order they are shown. */
  columnKeys(): string[];
  /** Cases in column `key` (loaded or not). */
  total(key: string): number;
  /** The column a case is in (`undefined`: not on the board under the current filters). */
  columnOf(caseId: string): Promise<string | undefined>;
  /** Index of the case in column `key`, paging the column in as needed; -1 when it is not there. */
  indexOf(key: string, caseId: string): Promise<number>;
  /** Item `index` of column `key` if it is rendered: its card (a list row's open button). */
  find(key: string, index: number): HTMLElement | null;
  /** Scrolls column `key` until item `index` is rendered; that card (a list row's open button), or null. */
  reveal(key: string, index: number): Promise<HTMLElement | null>;
}

/**
 * Keyboard focus on the board: a roving tabindex (one card of the whole board is a Tab stop; the
 * arrow keys, Home and End move between cards, Left/Right across columns), the last case opened
 * (focus returns to it when the host shows the board again), and `focusCase`.
 */
export class BoardFocusController implements ReactiveController {
  /** The case whose card was focused last: the board's Tab stop while it is rendered. */
  private current?: string;
  private currentColumn?: string;
  /** The last case the user opened (click or Enter). */
  lastOpened?: string;
  /** Set on reconnect: once the board has reloaded, focus goes back to `lastOpened` (if focus is nowhere else). */
  restorePending = false;
  private connectedBefore = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly board: BoardFocusHost,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    // A host that navigated to a case and back re-attaches the same element.
    if (this.connectedBefore && this.lastOpened) this.restorePending = true;
    this.connectedBefore = true;
  }

  hostDisconnected(): void {
    // Leaving the page is not "a card scrolled away": no focus grab on return (restorePending decides that).
    this.holding = false;
  }

  /**
   * Which rendered card is the Tab stop: the current one if it is rendered, else the first rendered
   * card of the current card's column, else the first rendered card on the board.
   */
  tabStop(rendered: ReadonlyMap<string, readonly CaseRecord[]>): string | undefined {
    let first: string | undefined;
    for (const records of rendered.values()) {
      first ??= records[0]?.id;
      if (this.current && records.some((r) => r.id === this.current)) return this.current;
    }
    return (this.currentColumn !== undefined ? rendered.get(this.currentColumn)?.[0]?.id : undefined) ?? first;
  }

  /** A card had focus and has not given it to something else: if it is windowed out (scrolled away, re-rendered), focus moves to the Tab stop. */
  private holding = false;

  onCardFocus(record: CaseRecord, column: string): void {
    this.holding = true;
    if (this.current === record.id && this.currentColumn === column) return;
    this.current = record.id;
    this.currentColumn = column;
    this.host.requestUpdate();
  }

  onCardBlur(card: HTMLElement): void {
    // A card removed while focused (it scrolled out of the window) keeps `holding`.
    queueMicrotask(() => {
      if (card.isConnected) this.holding = false;
    });
  }

  /** After a render: a focused card that was removed leaves focus on the body; put it on the Tab stop instead. */
  keepFocus(): void {
    const active = document.activeElement;
    if (!this.holding || (active && active !== document.body)) return;
    // Stay in the column: its first card in view (while it shows only skeletons, wait for a later render).
    const column = this.currentColumn !== undefined ? this.board.root().querySelector<HTMLElement>(`.scroller[data-key="${CSS.escape(this.currentColumn)}"]`) : null;
    if (column && this.board.total(this.currentColumn!) > 0) {
      const top = column.getBoundingClientRect().top;
      const cards = [...column.querySelectorAll<HTMLElement>('.card[data-index]')];
      const card = cards.find((c) => c.getBoundingClientRect().bottom > top) ?? cards[0];
      card?.focus({ preventScroll: true });
      return;
    }
    const card = this.currentCard();
    if (card) card.focus({ preventScroll: true });
    else this.holding = false;
  }

  /** Up/Down, Home/End within a column; Left/Right to the nearest card of the next column with cases. True when handled. */
  onCardKey(e: KeyboardEvent, column: string, index: number): boolean {
    const total = this.board.total(column);
    let to: [string, number] | undefined;
    switch (e.key) {
      case 'ArrowDown':
        to = [column, Math.min(total - 1, index + 1)];
        break;
      case 'ArrowUp':
        to = [column, Math.max(0, index - 1)];
        break;
      case 'Home':
        to = [column, 0];
        break;
      case 'End':
        to = [column, total - 1];
        break;
      case 'ArrowLeft':
      case 'ArrowRight': {
        const forward = (e.key === 'ArrowRight') !== this.board.rtl();
        const key = this.nextColumn(column, forward);
        if (key === undefined) {
          e.preventDefault();
          return true;
        }
        to = [key, this.nearestIndex(key, e.currentTarget as HTMLElement)];
        break;
      }
      default:
        return false;
    }
    e.preventDefault();
    // A rendered card gets focus at once (the next key press goes to it); others are scrolled in first.
    const card = this.board.find(to[0], to[1]);
    if (card) this.focusCard(card);
    else void this.focusAt(to[0], to[1]);
    return true;
  }

  /** The card to focus for the board as a whole: the one focused last if rendered, else the Tab stop. */
  currentCard(): HTMLElement | null {
    const root = this.board.root();
    return (this.current ? root.querySelector<HTMLElement>(`.card[data-id="${CSS.escape(this.current)}"]`) : null) ?? root.querySelector<HTMLElement>('.card[tabindex="0"]');
  }

  /** Focuses item `index` of column `key`, scrolling and paging it in first. */
  async focusAt(key: string, index: number): Promise<boolean> {
    if (index < 0 || index >= this.board.total(key)) return false;
    const card = this.board.find(key, index) ?? (await this.board.reveal(key, index));
    if (!card) return false;
    this.focusCard(card);
    return true;
  }

  private focusCard(card: HTMLElement): void {
    card.focus({ preventScroll: true });
    card.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }

  /** Focuses the card (or list row) of `caseId`, by default the last case opened. False when it is not on the board. */
  async focusCase(caseId = this.lastOpened): Promise<boolean> {
    if (!caseId) return false;
    const key = await this.board.columnOf(caseId);
    if (key === undefined) return false;
    const index = await this.board.indexOf(key, caseId);
    return index >= 0 && this.focusAt(key, index);
  }

  private nextColumn(from: string, forward: boolean): string | undefined {
    const keys = this.board.columnKeys();
    const step = forward ? 1 : -1;
    for (let i = keys.indexOf(from) + step; i >= 0 && i < keys.length; i += step) {
      if (this.board.total(keys[i]!) > 0) return keys[i];
    }
    return undefined;
  }

  /** The rendered card of column `key` level with `from` (what the eye moves to), else its first. */
  private nearestIndex(key: string, from: HTMLElement): number {
    const top = from.getBoundingClientRect().top;
    let best = 0;
    let distance = Infinity;
    for (const card of this.board.root().querySelectorAll<HTMLElement>(`.scroller[data-key="${CSS.escape(key)}"] .card[data-index]`)) {
      const d = Math.abs(card.getBoundingClientRect().top - top);
      if (d < distance) {
        distance = d;
        best = Number(card.dataset.index);
      }
    }
    return best;
  }
}
