/**
 * One report figure in the page: the SVG string (made by packages/report's figure functions, which
 * escape every text) inside a <figure> with a caption. The figure's text alternative is the SVG's own
 * aria-label, carried by a wrapper with role="img"; the SVG itself is hidden from assistive technology,
 * because Plot labels its inner groups ("dot", "area"), which ARIA does not allow inside an image.
 */
import { memo } from 'react';
import classes from './dashboard.module.css';

export interface SvgFigureProps {
  readonly svg: string;
  readonly caption: string;
  readonly testId?: string;
}

const entities: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'" };

/** The root element's aria-label of an SVG string, unescaped. */
export function readSvgLabel(svg: string): string {
  const label = /^<svg\b[^>]*?\saria-label="([^"]*)"/.exec(svg)?.[1] ?? 'Figure';
  return label.replace(/&(amp|lt|gt|quot|#39|apos);/g, (_match, name: string) => entities[name] ?? '');
}

export const SvgFigure = memo(function SvgFigure({ svg, caption, testId }: SvgFigureProps) {
  return (
    <figure className={classes['figure']} data-testid={testId}>
      <div role="img" aria-label={readSvgLabel(svg)}>
        {/* biome-ignore lint/security/noDangerouslySetInnerHtml: SVG built by the report's figure functions from numbers and escaped text */}
        <div aria-hidden="true" dangerouslySetInnerHTML={{ __html: svg }} />
      </div>
      <figcaption className={classes['caption']}>{caption}</figcaption>
    </figure>
  );
});
