import { describe, expect, it } from 'vitest';
import { normaliseSvg } from './normalise-svg.ts';

describe('normaliseSvg', () => {
  it('replaces generated Plot class names and clip ids when they appear', () => {
    expect(normaliseSvg('<svg class="plot-d6a7b5"><g clip-path="url(#plot-clip-12)"></g></svg>')).toBe(
      '<svg class="plot">\n<g clip-path="url(#plot-clip)">\n</g>\n</svg>\n',
    );
  });

  it('rounds long coordinates in attributes but leaves text content alone', () => {
    expect(normaliseSvg('<text x="244.99999999999997">0.43765</text>')).toBe('<text x="245">0.43765</text>\n');
  });
});
