import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../../test/render-with-providers.tsx';
import { PclBadges } from './PclBadges.tsx';

function badges(percent: number, wbcPer1e9L: number) {
  renderWithProviders(<PclBadges percent={percent} wbcPer1e9L={wbcPer1e9L} />);
  const read = (testId: string) => screen.getByTestId(testId).getAttribute('data-met') === 'true';
  return {
    imwg2003: read('pcl-2003'),
    imwg2021: read('pcl-2021'),
    absolute: screen.getByTestId('pcl-absolute').textContent,
  };
}

// clinical-spec.md §5 and core's rule: IMWG 2003 is "> 20 %" or "> 2 × 10⁹/L" (strict), IMWG 2021 is "≥ 5 %".
describe('PclBadges', () => {
  it.each([
    { percent: 19.9, wbc: 5, met2003: false, case: '19.9 % (absolute 0.995): below both 2003 thresholds' },
    { percent: 20, wbc: 5, met2003: false, case: '20 % exactly: the strict > 20 % is not met' },
    { percent: 20.1, wbc: 5, met2003: true, case: '20.1 %: above 20 %' },
  ])('IMWG 2003 by percentage, $case', ({ percent, wbc, met2003 }) => {
    expect(badges(percent, wbc).imwg2003).toBe(met2003);
  });

  it.each([
    { percent: 10, wbc: 19.9, absolute: '1.99', met2003: false, case: '1.99 × 10⁹/L' },
    { percent: 10, wbc: 20, absolute: '2', met2003: false, case: '2 × 10⁹/L exactly: the strict > 2 is not met' },
    { percent: 10, wbc: 20.1, absolute: '2.01', met2003: true, case: '2.01 × 10⁹/L' },
  ])('IMWG 2003 by absolute count, $case', ({ percent, wbc, absolute, met2003 }) => {
    const result = badges(percent, wbc);
    expect(result.absolute).toBe(absolute);
    expect(result.imwg2003).toBe(met2003);
  });

  it.each([
    { percent: 4.9, met2021: false },
    { percent: 5, met2021: true },
  ])('IMWG 2021 is met at ≥ 5 %: $percent % → $met2021', ({ percent, met2021 }) => {
    expect(badges(percent, 1).imwg2021).toBe(met2021);
  });

  it('shows the rule explanations and asks for both inputs when one is missing', () => {
    renderWithProviders(<PclBadges percent={25} wbcPer1e9L={10} />);
    expect(screen.getByText(/Plasma cell leukaemia, IMWG 2003.*: met/)).toBeTruthy();
    renderWithProviders(<PclBadges percent={null} wbcPer1e9L={10} />);
    expect(screen.getByText(/Enter PB plasma cells/)).toBeTruthy();
  });
});
