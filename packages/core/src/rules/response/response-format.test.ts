import { describe, expect, it } from 'vitest';
import {
  formatNumber,
  formatSignedChange,
  formatSignedPercent,
  isAtLeast,
  isBelow,
  isGreater,
} from './response-format.ts';

describe('response-format', () => {
  it.each([
    [3.4, '3.4'],
    [0.125, '0.125'],
    [1200, '1200'],
    [0.0004, '0'],
    [-0.0004, '0'],
  ])('formats %s as %s when printing a value', (value, text) => {
    expect(formatNumber(value)).toBe(text);
  });

  it.each([
    [-61.76, '−61.8%'],
    [25, '+25%'],
    [0.01, '0%'],
  ])('formats %s as %s when printing a signed percentage', (value, text) => {
    expect(formatSignedPercent(value)).toBe(text);
  });

  it('prints the sign and unit of an absolute change', () => {
    expect(formatSignedChange(0.5, 'g/dL')).toBe('+0.5 g/dL');
    expect(formatSignedChange(-120, 'mg/24h')).toBe('−120 mg/24h');
  });

  it('treats a floating-point 50 % as meeting "≥ 50 %" but not "> 50 %" or "< 50 %" when comparing', () => {
    const reduction = ((3.4 - 1.7) / 3.4) * 100;
    expect(isAtLeast(reduction, 50)).toBe(true);
    expect(isGreater(reduction, 50)).toBe(false);
    expect(isBelow(reduction, 50)).toBe(false);
    expect(isAtLeast(49.9, 50)).toBe(false);
  });
});
