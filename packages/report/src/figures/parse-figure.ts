/** Test helper: parses figure SVG into an XML DOM and reads positions back, so tests can assert on structure; it must not be imported by library code. */
import { DOMParser } from 'linkedom';

export function parseFigure(svg: string): Document {
  return new DOMParser().parseFromString(svg, 'image/svg+xml') as unknown as Document;
}

/** Elements whose parent `<g>` carries `data-description="<description>"` (how figure marks are tagged). */
export function markElements(figure: Document, description: string, tagName = 'path'): Element[] {
  return Array.from(figure.querySelectorAll(`g[data-description="${description}"] > ${tagName}`));
}

/** Text content of the `<text>` children of a tagged mark group, in document order. */
export function markTexts(figure: Document, description: string): string[] {
  return markElements(figure, description, 'text').map((element) => element.textContent ?? '');
}

/** The [x, y] of a `transform="translate(x,y)"` attribute. */
export function translation(element: Element): readonly [number, number] {
  const match = /translate\(([-\d.e]+),([-\d.e]+)\)/.exec(element.getAttribute('transform') ?? '');
  if (match === null) throw new Error(`no translate() on <${element.tagName}>`);
  return [Number(match[1]), Number(match[2])];
}

/** Every text node of the figure, trimmed, in document order. */
export function allTexts(figure: Document): string[] {
  return Array.from(figure.querySelectorAll('text')).map((element) => (element.textContent ?? '').trim());
}
