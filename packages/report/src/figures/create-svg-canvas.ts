/**
 * Builds one self-contained SVG figure from Plot panels and a few hand-placed texts and rules; it must
 * not do I/O or keep state between figures. The figure is one image for assistive technology: the root
 * `<svg>` alone carries `role="img"` and the accessible name (`aria-label`); inner elements carry no ARIA
 * (Plot's `aria-label`/`aria-description` on mark groups become `data-label`/`data-description`, kept as
 * hooks for tests and styling, and `aria-hidden` is dropped), because ARIA labels inside an image are not
 * allowed and make axe report the figure wherever it is embedded (the HTML report, the web app).
 */
import { parseHTML } from 'linkedom';
import { figureTheme } from './figure-theme.ts';

const svgNamespace = 'http://www.w3.org/2000/svg';

type AttributeValue = string | number;
export type SvgAttributes = Readonly<Record<string, AttributeValue>>;

export interface SvgCanvas {
  /** The detached document Plot must render into (`Plot.plot({ document })`). */
  readonly document: Document;
  /** Appends a `<g>` to `parent` (default: the root svg). */
  group(attributes: SvgAttributes, parent?: Element): Element;
  /** Appends a `<text>` with escaped content. */
  text(content: string, attributes: SvgAttributes, parent?: Element): Element;
  /** Appends any empty SVG element (line, rect, path…). */
  shape(tagName: string, attributes: SvgAttributes, parent?: Element): Element;
  /**
   * Moves the content of a rendered Plot `<svg>` into a `<g data-label=…>` translated to (x, y), dropping
   * Plot's class and inline CSS and turning Plot's ARIA attributes into data attributes.
   */
  embedPlot(plot: Element, x: number, y: number, label: string): Element;
  /** Serialises the figure as one `<svg xmlns=…>` string with coordinates rounded to 0.01 px. */
  serialise(): string;
}

let sharedDocument: Document | undefined;

function getDocument(): Document {
  // One detached linkedom document serves every figure: parsing it costs more than a small figure.
  sharedDocument ??= parseHTML('<!DOCTYPE html><html><head></head><body></body></html>').document;
  return sharedDocument;
}

function setAttributes(element: Element, attributes: SvgAttributes): void {
  // linkedom serialises the most recently set attribute first; set them in reverse so the markup reads as written.
  for (const [name, value] of Object.entries(attributes).reverse()) element.setAttribute(name, String(value));
}

/** What an ARIA attribute of an inner element becomes: a data attribute (label, description) or nothing. */
const innerAriaAttributes: Readonly<Record<string, string | null>> = {
  'aria-label': 'data-label',
  'aria-description': 'data-description',
  'aria-hidden': null,
};

/** `attributes` of an inner element with its ARIA attributes replaced as `innerAriaAttributes` says. */
function withoutAria(attributes: SvgAttributes): SvgAttributes {
  if (!Object.keys(attributes).some((name) => name in innerAriaAttributes)) return attributes;
  const entries: Array<[string, AttributeValue]> = [];
  for (const [name, value] of Object.entries(attributes)) {
    const replacement = name in innerAriaAttributes ? innerAriaAttributes[name] : name;
    if (replacement !== null && replacement !== undefined) entries.push([replacement, value]);
  }
  return Object.fromEntries(entries);
}

/** Replaces the ARIA attributes of `element` and its descendants (only the root svg is labelled). */
function unlabelInnerElements(element: Element): void {
  const selector = Object.keys(innerAriaAttributes)
    .map((name) => `[${name}]`)
    .join(',');
  const labelled = [...(element.matches(selector) ? [element] : []), ...Array.from(element.querySelectorAll(selector))];
  for (const inner of labelled) {
    for (const [name, replacement] of Object.entries(innerAriaAttributes)) {
      const value = inner.getAttribute(name);
      if (value === null) continue;
      inner.removeAttribute(name);
      if (replacement !== null) inner.setAttribute(replacement, value);
    }
  }
}

// Plot and d3 write coordinates such as 244.99999999999997; round inside attribute values only, never in text content.
const attributePattern = /(\s[A-Za-z_:][\w:.-]*=")([^"]*)"/g;
const longDecimalPattern = /-?\d+\.\d{3,}/g;

function roundCoordinates(markup: string): string {
  return markup.replace(
    attributePattern,
    (_match, head: string, value: string) =>
      `${head}${value.replace(longDecimalPattern, (numberText) => String(Math.round(Number(numberText) * 100) / 100))}"`,
  );
}

/** Creates an empty figure of `width` × `height` px with a white background and the house font stack. */
export function createSvgCanvas(width: number, height: number, ariaLabel: string): SvgCanvas {
  const document = getDocument();
  const root = document.createElementNS(svgNamespace, 'svg');
  setAttributes(root, {
    xmlns: svgNamespace,
    width,
    height,
    viewBox: `0 0 ${width} ${height}`,
    role: 'img',
    'aria-label': ariaLabel,
    'font-family': figureTheme.fontFamily,
    'font-size': figureTheme.tickSizePx,
    fill: figureTheme.textColour,
    // Plot draws axes in currentColor; pin it so an inline figure stays dark on its white background in a dark page.
    color: figureTheme.textColour,
  });

  const shape = (tagName: string, attributes: SvgAttributes, parent: Element = root): Element => {
    const element = document.createElementNS(svgNamespace, tagName);
    setAttributes(element, withoutAria(attributes));
    parent.appendChild(element);
    return element;
  };
  shape('rect', { width, height, fill: '#ffffff' });

  return {
    document,
    group: (attributes, parent) => shape('g', attributes, parent),
    shape,
    text(content, attributes, parent) {
      const element = shape('text', attributes, parent);
      element.textContent = content;
      return element;
    },
    embedPlot(plot, x, y, label) {
      const group = shape('g', { transform: `translate(${x},${y})`, 'data-label': label });
      for (const name of ['text-anchor', 'fill']) {
        const value = plot.getAttribute(name);
        if (value !== null) group.setAttribute(name, value);
      }
      for (const child of Array.from(plot.childNodes)) {
        if (child.nodeName.toLowerCase() !== 'style') group.appendChild(child);
      }
      unlabelInnerElements(group);
      return group;
    },
    serialise: () => roundCoordinates(root.outerHTML),
  };
}
