import { css } from 'lit';

/**
 * Base styles every casekit element includes first: resets the host against page CSS, maps the
 * global `--ck-*` tokens (with light fallbacks, so elements work without the theme file) to short
 * private properties (`--_ck-*`) used inside components, and provides utility classes
 * (`.sr-only`, `.ck-button`, `.ck-field`, `.ck-badge`, `.ck-alert`). Components expose their own
 * public `--ck-<component>-*` properties on `:host`, defaulting to these.
 */
export const sharedStyles = css`
  :host {
    --_ck-font: var(--ck-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', sans-serif);
    --_ck-fs-s: var(--ck-font-size-s, 0.8125rem);
    --_ck-fs-m: var(--ck-font-size-m, 0.9375rem);
    --_ck-fs-l: var(--ck-font-size-l, 1.125rem);
    --_ck-space-1: var(--ck-space-1, 0.25rem);
    --_ck-space-2: var(--ck-space-2, 0.5rem);
    --_ck-space-3: var(--ck-space-3, 0.75rem);
    --_ck-space-4: var(--ck-space-4, 1rem);
    --_ck-radius-s: var(--ck-radius-s, 4px);
    --_ck-radius-m: var(--ck-radius-m, 8px);
    --_ck-text: var(--ck-color-text, #1f2933);
    --_ck-text-muted: var(--ck-color-text-muted, #4b5563);
    --_ck-surface: var(--ck-color-surface, #ffffff);
    --_ck-surface-raised: var(--ck-color-surface-raised, #ffffff);
    --_ck-surface-sunken: var(--ck-color-surface-sunken, #f3f4f6);
    --_ck-border: var(--ck-color-border, #d1d5db);
    --_ck-border-strong: var(--ck-color-border-strong, #6b7280);
    --_ck-primary: var(--ck-color-primary, #1d4ed8);
    --_ck-on-primary: var(--ck-color-on-primary, #ffffff);
    --_ck-primary-surface: var(--ck-color-primary-surface, #dbeafe);
    --_ck-focus: var(--ck-color-focus, #2563eb);
    --_ck-danger: var(--ck-color-danger, #b91c1c);
    --_ck-danger-surface: var(--ck-color-danger-surface, #fef2f2);
    --_ck-warning: var(--ck-color-warning, #92400e);
    --_ck-warning-surface: var(--ck-color-warning-surface, #fffbeb);
    --_ck-success: var(--ck-color-success, #166534);
    --_ck-success-surface: var(--ck-color-success-surface, #f0fdf4);
    --_ck-overlay: var(--ck-color-overlay, rgb(17 24 39 / 0.45));
    --_ck-shadow-card: var(--ck-shadow-card, 0 1px 2px rgb(0 0 0 / 0.08), 0 1px 3px rgb(0 0 0 / 0.06));
    --_ck-shadow-dialog: var(--ck-shadow-dialog, 0 10px 30px rgb(0 0 0 / 0.25));

    box-sizing: border-box;
    font-family: var(--_ck-font);
    font-size: var(--_ck-fs-m);
    line-height: var(--ck-line-height, 1.4);
    color: var(--_ck-text);
    text-align: start;
  }
  :host([hidden]) {
    display: none !important;
  }
  /* A host page rule that matches this element itself (e.g. "* { font-family: … }") beats :host, and
     the shadow tree would inherit it. Set type and color again on the top-level shadow children so
     everything inside follows casekit's tokens; hosts restyle through --ck-* tokens and ::part. */
  :host > * {
    font-family: var(--_ck-font);
    font-size: var(--_ck-fs-m);
    line-height: var(--ck-line-height, 1.4);
    color: var(--_ck-text);
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  :focus-visible {
    outline: 2px solid var(--_ck-focus);
    outline-offset: 2px;
  }
  .sr-only {
    position: absolute !important;
    width: 1px;
    height: 1px;
    padding: 0;
    margin: -1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  .ck-button {
    font: inherit;
    font-size: var(--_ck-fs-s);
    min-height: 2rem;
    padding: var(--_ck-space-1) var(--_ck-space-3);
    border: 1px solid var(--_ck-border-strong);
    border-radius: var(--_ck-radius-s);
    background: var(--_ck-surface);
    color: var(--_ck-text);
    cursor: pointer;
  }
  .ck-button:hover {
    background: var(--_ck-surface-sunken);
  }
  .ck-button[aria-pressed='true'],
  .ck-button.primary {
    background: var(--_ck-primary);
    border-color: var(--_ck-primary);
    color: var(--_ck-on-primary);
  }
  .ck-field {
    display: flex;
    flex-direction: column;
    gap: 2px;
    font-size: var(--_ck-fs-s);
    color: var(--_ck-text-muted);
  }
  .ck-field input,
  .ck-field select,
  .ck-field textarea {
    font: inherit;
    font-size: var(--_ck-fs-m);
    color: var(--_ck-text);
    background: var(--_ck-surface);
    border: 1px solid var(--_ck-border-strong);
    border-radius: var(--_ck-radius-s);
    min-height: 2rem;
    padding: 2px var(--_ck-space-2);
  }
  .ck-field [aria-invalid='true'] {
    border-color: var(--_ck-danger);
  }
  .ck-field-error {
    color: var(--_ck-danger);
    font-size: var(--_ck-fs-s);
  }
  .ck-badge {
    display: inline-flex;
    align-items: center;
    gap: 2px;
    padding: 0 var(--_ck-space-2);
    border-radius: 999px;
    font-size: var(--_ck-fs-s);
    line-height: 1.5;
    white-space: nowrap;
    border: 1px solid var(--_ck-border);
    background: var(--_ck-surface-sunken);
    color: var(--_ck-text);
  }
  .ck-badge.danger {
    background: var(--_ck-danger-surface);
    color: var(--_ck-danger);
    border-color: currentColor;
  }
  .ck-badge.warning {
    background: var(--_ck-warning-surface);
    color: var(--_ck-warning);
    border-color: currentColor;
  }
  .ck-alert {
    display: flex;
    align-items: flex-start;
    gap: var(--_ck-space-2);
    padding: var(--_ck-space-2) var(--_ck-space-3);
    border: 1px solid var(--_ck-danger);
    border-radius: var(--_ck-radius-s);
    background: var(--_ck-danger-surface);
    color: var(--_ck-danger);
  }
  .ck-alert > :first-child {
    flex: 1;
  }
  @media (prefers-reduced-motion: reduce) {
    * {
      transition: none !important;
      animation: none !important;
    }
  }

  /* Modal dialogs (<dialog>) of every element: a raised surface over a dimmed page. Elements set
     --_ck-dialog-width on dialog to size theirs. */
  dialog {
    width: min(var(--_ck-dialog-width, 30rem), calc(100vw - 2rem));
    max-height: calc(100vh - 2rem);
    padding: var(--_ck-space-4);
    border: 1px solid var(--_ck-border);
    border-radius: var(--_ck-radius-m);
    background: var(--_ck-surface-raised);
    color: var(--_ck-text);
    box-shadow: var(--_ck-shadow-dialog);
  }
  dialog::backdrop {
    background: var(--_ck-overlay);
  }
  dialog h2 {
    font-size: var(--_ck-fs-l);
  }

  /* "You can view this, but not change it": shown when the policy allows reading only. */
  .read-only {
    margin: 0;
    padding: var(--_ck-space-2) var(--_ck-space-3);
    border: 1px solid var(--_ck-border);
    border-inline-start: 4px solid var(--_ck-primary);
    border-radius: var(--_ck-radius-s);
    background: var(--_ck-surface-sunken);
    color: var(--_ck-text);
    font-size: var(--_ck-fs-s);
  }
`;
