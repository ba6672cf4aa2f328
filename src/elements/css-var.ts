// Sets a CSS custom property on an element through the CSSOM (`el.style.setProperty`), which a strict CSP allows,
// where a `style="…"` attribute binding (styleMap) is blocked under `style-src` without 'unsafe-inline'.
import {nothing} from 'lit';
import {Directive, directive, PartType, type ElementPart, type PartInfo} from 'lit/directive.js';

class CssVarDirective extends Directive {
  constructor(info: PartInfo) {
    super(info);
    if (info.type !== PartType.ELEMENT) throw new Error('cssVar() goes in an element position: <div ${cssVar(...)}>');
  }

  render(_name: string, _value: string | undefined) {
    return nothing;
  }

  override update(part: ElementPart, [name, value]: [string, string | undefined]) {
    const style = (part.element as HTMLElement).style;
    if (value === undefined) style.removeProperty(name);
    else if (style.getPropertyValue(name) !== value) style.setProperty(name, value);
    return nothing;
  }
}

/** `<div ${cssVar('--_tile-bg', '#ff0000')}>`: sets (or with undefined, removes) the property. */
export const cssVar = directive(CssVarDirective);
