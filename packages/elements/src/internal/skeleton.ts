import { css, html, type TemplateResult } from 'lit';

/**
 * Placeholder rows where a list is still loading: hidden from assistive technology (the element
 * says "Loading…" in words and is `aria-busy`), so only sighted users see where the items will be.
 */
export function renderSkeletons(count = 3): TemplateResult {
  return html`<ul class="ck-skeletons" part="skeletons" aria-hidden="true">
    ${Array.from({ length: count }, () => html`<li class="ck-skeleton" part="skeleton"></li>`)}
  </ul>`;
}

/** Styles of `renderSkeletons` (`--ck-skeleton-height`, default 4.5rem). */
export const skeletonStyles = css`
  .ck-skeletons {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-direction: column;
    gap: var(--_ck-space-2);
  }
  .ck-skeleton {
    block-size: var(--ck-skeleton-height, 4.5rem);
    box-sizing: border-box;
    border: 1px dashed var(--_ck-border);
    border-radius: var(--_ck-radius-s);
    background: var(--_ck-surface-raised);
    opacity: 0.6;
  }
`;
