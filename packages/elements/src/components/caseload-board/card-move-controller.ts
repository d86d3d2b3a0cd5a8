import type { ReactiveControllerHost } from 'lit';
import type { CaseRecord } from '@casekit/core';
import type { LocalizeController } from '../../controllers/localize-controller.js';
import type { CaseloadGroupBy } from '../../events/caseload-filters.js';

/** A card picked up with Space: the arrow keys cycle through `targets`. */
export interface GrabState {
  record: CaseRecord;
  targets: string[];
  index: number;
}

/** What moving cards reads from, and asks of, the board. */
export interface CardMoveHost {
  readonly localize: LocalizeController;
  groupBy(): CaseloadGroupBy;
  /** Columns a case may move to (`includeHidden`: status columns not shown too). */
  targetsFor(record: CaseRecord, includeHidden?: boolean): string[];
  /** The policy lets the actor move this case; otherwise it can only be opened. */
  canMove(record: CaseRecord): boolean;
  columnLabel(key: string): string;
  /** "12 cases" in column `key`. */
  columnCountText(key: string): string;
  announce(text: string): void;
  open(record: CaseRecord): void;
  requestMove(record: CaseRecord, to: string, via: 'drag' | 'keyboard'): void;
  openMoveDialog(e: Event, record: CaseRecord): void;
  /** Focus returns to this card after the next render (it re-renders in its new column). */
  focusAfterRender(caseId: string): void;
  activeElement(): HTMLElement | null;
}

/**
 * Moving cards between columns, by mouse (HTML drag and drop) and by keyboard: Space picks a card
 * up, the arrow keys choose a column (announced), Space or Enter drops, Escape cancels. Both end in
 * the board's `requestMove`, which asks core and the host. It only needs the host's `requestUpdate`
 * (no lifecycle), so it is not registered with `addController`.
 */
export class CardMoveController {
  private grabbed?: GrabState;
  private dragged?: CaseRecord;
  private over?: string;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly board: CardMoveHost,
  ) {}

  /** The card picked up by keyboard, if any. */
  get grab(): GrabState | undefined {
    return this.grabbed;
  }
  set grab(value: GrabState | undefined) {
    if (value === this.grabbed) return;
    this.grabbed = value;
    this.host.requestUpdate();
  }

  /** The card being dragged, if any. */
  get dragging(): CaseRecord | undefined {
    return this.dragged;
  }
  private set dragging(value: CaseRecord | undefined) {
    if (value === this.dragged) return;
    this.dragged = value;
    this.host.requestUpdate();
  }

  /** The column the dragged card is over. */
  get dragOver(): string | undefined {
    return this.over;
  }
  set dragOver(value: string | undefined) {
    if (value === this.over) return;
    this.over = value;
    this.host.requestUpdate();
  }

  /** Enter, Space, M and (while a card is picked up) the arrow keys and Escape. True when the key was handled. */
  onCardKey(e: KeyboardEvent, record: CaseRecord): boolean {
    if (e.target !== e.currentTarget) return false;
    const t = this.board.localize.t;
    const rtl = this.board.localize.dir === 'rtl';
    const groupBy = this.board.groupBy();
    const grab = this.grab?.record.id === record.id ? this.grab : undefined;
    if (grab) {
      const forward = e.key === 'ArrowDown' || e.key === (rtl ? 'ArrowLeft' : 'ArrowRight');
      const back = e.key === 'ArrowUp' || e.key === (rtl ? 'ArrowRight' : 'ArrowLeft');
      if (forward || back) {
        e.preventDefault();
        const n = grab.targets.length;
        const next = (grab.index + (forward ? 1 : -1) + n) % n;
        this.grab = { ...grab, index: next };
        const key = grab.targets[next]!;
        this.board.announce(t.board.target(this.board.columnLabel(key), this.board.columnCountText(key)));
      } else if (e.key === ' ' || e.key === 'Enter') {
        e.preventDefault();
        const to = grab.targets[grab.index]!;
        this.grab = undefined;
        this.board.focusAfterRender(record.id);
        this.board.requestMove(record, to, 'keyboard');
      } else if (e.key === 'Escape') {
        e.preventDefault();
        this.grab = undefined;
        this.board.announce(t.board.moveCancelled(record.clientName));
      } else if (e.key === 'Tab') {
        return false;
      }
      // Other keys do nothing while a card is picked up (they must not move focus away from it).
      return true;
    }
    switch (e.key) {
      case 'Enter':
        e.preventDefault();
        this.board.open(record);
        return true;
      case ' ': {
        e.preventDefault();
        if (!this.board.canMove(record)) return true;
        const targets = this.board.targetsFor(record);
        if (!targets.length) {
          this.board.announce(t.board.noTargets(record.clientName));
          return true;
        }
        this.grab = { record, targets, index: 0 };
        this.board.announce(t.board.pickedUp(record.clientName, this.board.columnLabel(record[groupBy]), this.board.columnLabel(targets[0]!)));
        return true;
      }
      case 'm':
      case 'M':
        if (this.board.canMove(record)) this.board.openMoveDialog(e, record);
        return true;
    }
    return false;
  }

  onCardBlur(record: CaseRecord): void {
    // Leaving a picked-up card cancels the pick-up (unless focus is moving because of a re-render).
    queueMicrotask(() => {
      if (this.grab?.record.id !== record.id) return;
      const active = this.board.activeElement();
      if (active?.dataset.id !== record.id) this.grab = undefined;
    });
  }

  onDragStart(e: DragEvent, record: CaseRecord): void {
    this.grab = undefined;
    if (!this.board.canMove(record)) {
      e.preventDefault();
      return;
    }
    this.dragging = record;
    if (e.dataTransfer) {
      e.dataTransfer.effectAllowed = 'move';
      e.dataTransfer.setData('application/x-casekit-case', record.id);
      e.dataTransfer.setData('text/plain', record.clientName);
    }
  }

  readonly onDragEnd = (): void => {
    this.dragging = undefined;
    this.dragOver = undefined;
  };

  onDragOver(e: DragEvent, key: string): void {
    const groupBy = this.board.groupBy();
    if (!this.dragging || this.dragging[groupBy] === key) return;
    // Accept drops on every other column: a refused one explains why instead of silently ignoring.
    e.preventDefault();
    if (e.dataTransfer) e.dataTransfer.dropEffect = this.board.targetsFor(this.dragging).includes(key) ? 'move' : 'none';
    this.dragOver = key;
  }

  onDrop(e: DragEvent, key: string): void {
    const record = this.dragging;
    this.onDragEnd();
    if (!record || record[this.board.groupBy()] === key) return;
    e.preventDefault();
    this.board.requestMove(record, key, 'drag');
  }
}
