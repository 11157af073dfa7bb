/**
 * `style=${cssomStyle({ 'background-color': … })}`: inline styles written only through the CSSOM
 * (`style.setProperty`), which a host's `style-src 'self'` CSP allows. Lit's own styleMap writes its
 * first render as a `style` attribute string, which that policy blocks (style-src-attr): under the
 * CSP README recommends, the first colour of the liveness flash was never shown.
 */
import { noChange } from 'lit';
import { Directive, directive, PartType, type AttributePart, type PartInfo } from 'lit/directive.js';

/** CSS property names as written in CSS (`background-color`), to their values. */
export type CssomStyles = Readonly<Record<string, string>>;

class CssomStyleDirective extends Directive {
  #set = new Set<string>();

  constructor(info: PartInfo) {
    super(info);
    if (info.type !== PartType.ATTRIBUTE || info.name !== 'style' || (info.strings?.length ?? 0) > 2) {
      throw new Error('cssomStyle: use it as the whole value of a style attribute, style=${cssomStyle({...})}');
    }
  }

  render(_styles: CssomStyles): typeof noChange {
    return noChange;
  }

  override update(part: AttributePart, [styles]: [CssomStyles]): typeof noChange {
    const { style } = part.element as HTMLElement | SVGElement;
    for (const name of this.#set) if (!(name in styles)) style.removeProperty(name);
    for (const [name, value] of Object.entries(styles)) style.setProperty(name, value);
    this.#set = new Set(Object.keys(styles));
    return noChange;
  }
}

export const cssomStyle = directive(CssomStyleDirective);
