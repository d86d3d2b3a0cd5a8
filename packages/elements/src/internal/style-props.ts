import { noChange } from 'lit';
import { Directive, directive, PartType, type ElementPart, type PartInfo } from 'lit/directive.js';

/**
 * Sets inline style properties through the CSSOM (`element.style.setProperty`) instead of a `style`
 * attribute. Lit's styleMap writes the attribute on first render, which a strict Content Security
 * Policy (`style-src` without 'unsafe-inline') blocks; CSSOM changes are not restricted by CSP.
 * Use as an element binding: `<li ${styleProps({ transform: 'translateY(40px)' })}>`.
 */
class StylePropsDirective extends Directive {
  private names = new Set<string>();

  constructor(partInfo: PartInfo) {
    super(partInfo);
    if (partInfo.type !== PartType.ELEMENT) throw new Error('styleProps() must be used as an element binding');
  }

  render(_styles: Readonly<Record<string, string>>): typeof noChange {
    return noChange;
  }

  override update(part: ElementPart, [styles]: [Readonly<Record<string, string>>]): typeof noChange {
    const style = (part.element as HTMLElement).style;
    for (const name of this.names) if (!(name in styles)) style.removeProperty(name);
    this.names = new Set(Object.keys(styles));
    for (const [name, value] of Object.entries(styles)) style.setProperty(name, value);
    return noChange;
  }
}

export const styleProps = directive(StylePropsDirective);
