import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../../../test/render-with-providers.tsx';
import { CourseDosePreview } from './CourseDosePreview.tsx';
import { computeCourseDose } from './course-dose.ts';

describe('computeCourseDose', () => {
  it('computes the Mosteller BSA and the dose in mg from core’s rules when height, weight and level are given', () => {
    // √(170 × 70 / 3600) = 1.81812…; 1.3 mg/m² × 1.81812 m² = 2.36356 mg
    const { bodySurfaceArea, dose } = computeCourseDose({
      heightCm: 170,
      weightKg: 70,
      plannedBortezomibDoseMgPerM2: 1.3,
    });
    expect(bodySurfaceArea?.bodySurfaceAreaM2).toBeCloseTo(1.818119, 5);
    expect(dose?.doseMg).toBeCloseTo(2.363555, 5);
  });

  it('gives a BSA but no dose when the course has no bortezomib level', () => {
    const { bodySurfaceArea, dose } = computeCourseDose({
      heightCm: 160,
      weightKg: 60,
      plannedBortezomibDoseMgPerM2: null,
    });
    expect(bodySurfaceArea?.bodySurfaceAreaM2).toBeCloseTo(Math.sqrt((160 * 60) / 3600), 10);
    expect(dose).toBeNull();
  });

  it('gives nothing while height or weight is missing or not positive', () => {
    expect(computeCourseDose({ heightCm: null, weightKg: 70, plannedBortezomibDoseMgPerM2: 1.3 })).toEqual({
      bodySurfaceArea: null,
      dose: null,
    });
    expect(computeCourseDose({ heightCm: 170, weightKg: 0, plannedBortezomibDoseMgPerM2: 1.3 })).toEqual({
      bodySurfaceArea: null,
      dose: null,
    });
  });
});

describe('CourseDosePreview', () => {
  it('shows BSA and planned mg rounded for display with the rules’ explanations', () => {
    renderWithProviders(<CourseDosePreview heightCm={170} weightKg={70} plannedBortezomibDoseMgPerM2={1.3} />);
    expect(screen.getByTestId('course-bsa').textContent).toBe('1.82');
    expect(screen.getByTestId('course-dose-mg').textContent).toBe('2.36');
    expect(screen.getByText(/BSA 1\.8181 m² by Mosteller/)).toBeTruthy();
    expect(screen.getByText(/dose 2\.3636 mg = 1\.3 mg\/m²/)).toBeTruthy();
  });

  it('asks for height and weight when they are missing', () => {
    renderWithProviders(<CourseDosePreview heightCm={null} weightKg={null} plannedBortezomibDoseMgPerM2={1.3} />);
    expect(screen.getByText(/Enter height and weight/)).toBeTruthy();
  });
});
