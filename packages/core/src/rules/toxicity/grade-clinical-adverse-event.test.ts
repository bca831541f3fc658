import { describe, expect, it } from 'vitest';
import { clinicalAdverseEventTermIds, clinicalAdverseEventTerms } from './clinical-adverse-event-terms.ts';
import { findClinicalAdverseEventTerm, gradeClinicalAdverseEvent } from './grade-clinical-adverse-event.ts';

describe('findClinicalAdverseEventTerm (clinical-spec.md §4.2)', () => {
  it.each([
    ['Herpes zoster', 'shingles'],
    ['shingles', 'shingles'],
    ['Pneumonia', 'lung-infection'],
    ['Lung infection', 'lung-infection'],
    ['Neuropathy: sensory', 'peripheral-sensory-neuropathy'],
    ['PERIPHERAL SENSORY NEUROPATHY', 'peripheral-sensory-neuropathy'],
    ['Neuropathy: motor', 'peripheral-motor-neuropathy'],
    ['neuropathic pain', 'neuralgia'],
    ['Pain - Neuralgia/peripheral nerve', 'neuralgia'],
    ['diarrhoea', 'diarrhea'],
    ['Rash/desquamation', 'rash-maculo-papular'],
    ['rash maculo-papular', 'rash-maculo-papular'],
    ['UTI', 'urinary-tract-infection'],
    ['Upper respiratory tract infection', 'upper-respiratory-infection'],
    ['Febrile neutropenia', 'febrile-neutropenia'],
    ['Fatigue (asthenia, lethargy, malaise)', 'fatigue'],
    ['tumour lysis syndrome', 'tumor-lysis-syndrome'],
  ])('finds "%s" as %s when it is a term name or synonym (§4.2)', (name, id) => {
    const lookup = findClinicalAdverseEventTerm(name);
    expect(lookup.kind === 'found' && lookup.term.id).toBe(id);
  });

  it.each(['peripheral neuropathy', 'headache', '', 'shingle'])(
    'refuses "%s" when it is not a known term (§4.2)',
    (name) => {
      const lookup = findClinicalAdverseEventTerm(name);
      expect(lookup.kind).toBe('unknown');
      expect(lookup.kind === 'unknown' && lookup.message).toContain('Peripheral sensory neuropathy');
    },
  );
});

describe('gradeClinicalAdverseEvent (clinical-spec.md §4.2)', () => {
  it('describes a v5 grade in CTCAE wording when the grade exists', () => {
    const result = gradeClinicalAdverseEvent({ term: 'Herpes zoster', grade: 2, version: 'v5' });
    expect(result.kind).toBe('graded');
    if (result.kind !== 'graded') return;
    expect(result.term).toBe('Shingles');
    expect(result.description).toBe(
      'Local infection with moderate symptoms; oral intervention indicated; limiting age-appropriate instrumental ADL',
    );
    expect(result.explanation.ruleId).toBe('ctcae-v5-clinical-terms');
  });

  it('uses the v3 term and wording when grading with CTCAE v3.0', () => {
    const result = gradeClinicalAdverseEvent({ term: 'Peripheral sensory neuropathy', grade: 3, version: 'v3' });
    expect(result.kind === 'graded' && [result.term, result.description]).toEqual([
      'Neuropathy: sensory',
      'Sensory alteration or paresthesia interfering with ADL',
    ]);
  });

  it.each([
    ['Nausea', 4, 'v5'],
    ['Peripheral sensory neuropathy', 5, 'v5'],
    ['Lung infection', 1, 'v5'],
    ['Fatigue', 4, 'v5'],
    ['Febrile neutropenia', 2, 'v3'],
  ] as const)('refuses %s grade %s in %s when the version defines no such grade (§4.2)', (term, grade, version) => {
    const result = gradeClinicalAdverseEvent({ term, grade, version });
    expect(result.kind).toBe('invalid');
    expect(result.kind === 'invalid' && result.message).toContain(`has no grade ${grade}`);
  });

  it.each([
    ['Nausea', 4, 'v3'],
    ['Fatigue', 4, 'v3'],
    ['Peripheral sensory neuropathy', 4, 'v5'],
  ] as const)('accepts %s grade %s in %s when that version defines it (§4.2)', (term, grade, version) => {
    expect(gradeClinicalAdverseEvent({ term, grade, version }).kind).toBe('graded');
  });

  it('describes grade 0 as no adverse event when the clinician records none', () => {
    const result = gradeClinicalAdverseEvent({ term: 'Diarrhea', grade: 0, version: 'v5' });
    expect(result.kind === 'graded' && result.description).toBeNull();
  });

  it('refuses an unknown term when asked to grade it', () => {
    expect(gradeClinicalAdverseEvent({ term: 'peripheral neuropathy', grade: 2, version: 'v5' }).kind).toBe('invalid');
  });
});

describe('clinicalAdverseEventTerms (clinical-spec.md §4.2)', () => {
  it('defines at least one grade in both versions for every term when read', () => {
    for (const id of clinicalAdverseEventTermIds) {
      const term = clinicalAdverseEventTerms[id];
      expect(term.id).toBe(id);
      expect(Object.keys(term.v3.grades).length, `${id} v3`).toBeGreaterThan(0);
      expect(Object.keys(term.v5.grades).length, `${id} v5`).toBeGreaterThan(0);
    }
  });

  it('covers the bortezomib terms the spec lists when read (§4.2)', () => {
    expect(clinicalAdverseEventTermIds).toEqual(
      expect.arrayContaining([
        'peripheral-sensory-neuropathy',
        'peripheral-motor-neuropathy',
        'neuralgia',
        'diarrhea',
        'nausea',
        'rash-maculo-papular',
        'shingles',
        'fatigue',
        'lung-infection',
        'urinary-tract-infection',
        'febrile-neutropenia',
      ]),
    );
  });
});
