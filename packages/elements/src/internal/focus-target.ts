/** Elements that can take keyboard focus (whether they are a Tab stop is checked by `tabbable`). */
const FOCUSABLE = 'button, input:not([type="hidden"]), select, textarea, a[href], [tabindex]';

/** A control a keyboard user can Tab to: enabled, not `tabindex="-1"`, and rendered (not hidden or in a closed dialog). */
export function tabbable(el: HTMLElement): boolean {
  if ((el as HTMLButtonElement).disabled || el.tabIndex < 0) return false;
  return el.checkVisibility ? el.checkVisibility({ visibilityProperty: true }) : el.getClientRects().length > 0;
}

/** The first Tab stop in `root` (document order), optionally only among `selector` matches. */
export function firstTabbable(root: ParentNode | null | undefined, selector = FOCUSABLE): HTMLElement | null {
  if (!root) return null;
  for (const el of root.querySelectorAll<HTMLElement>(selector)) if (tabbable(el)) return el;
  return null;
}

/** The first field marked `aria-invalid="true"` in `root`; for a group (radio buttons), its first control. */
export function firstInvalid(root: ParentNode | null | undefined): HTMLElement | null {
  for (const el of root?.querySelectorAll<HTMLElement>('[aria-invalid="true"]') ?? []) {
    const target = el.matches(FOCUSABLE) && tabbable(el) ? el : firstTabbable(el);
    if (target) return target;
  }
  return null;
}

/**
 * `heading`, made focusable by script only (`tabindex="-1"`: no extra Tab stop) so that focus can
 * land on it when a view has no control yet; a screen reader then reads where the user is.
 */
export function focusableHeading(heading: HTMLElement | null | undefined): HTMLElement | null {
  if (!heading) return null;
  if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
  return heading;
}
