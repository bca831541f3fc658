/**
 * One report figure in the page: the SVG string (made by packages/report's figure functions, which
 * escape every text) inside a <figure> with a caption. The SVG is its own text alternative: its root
 * carries role="img" and the figure's aria-label, and nothing inside it is labelled (packages/report's
 * createSvgCanvas), so assistive technology meets one image with one name.
 */
import { memo } from 'react';
import classes from './dashboard.module.css';

export interface SvgFigureProps {
  readonly svg: string;
  readonly caption: string;
  readonly testId?: string;
}

export const SvgFigure = memo(function SvgFigure({ svg, caption, testId }: SvgFigureProps) {
  return (
    <figure className={classes['figure']} data-testid={testId}>
      {/* biome-ignore lint/security/noDangerouslySetInnerHtml: SVG built by the report's figure functions from numbers and escaped text */}
      <div dangerouslySetInnerHTML={{ __html: svg }} />
      <figcaption className={classes['caption']}>{caption}</figcaption>
    </figure>
  );
});
