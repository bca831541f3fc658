import { describe, expect, it } from 'vitest';
import { toCalendarDate } from '../../domain/calendar-date.ts';
import type { BortezomibAdministration } from './bortezomib-cycles.ts';
import {
  checkDoseModifications,
  classifyNeuropathyDoseAction,
  type DoseModificationSettings,
  type DosingToxicityObservation,
  defaultDoseModificationSettings,
} from './dose-modification-check.ts';

function dose(date: string, doseMgPerM2: number): BortezomibAdministration {
  return { date: toCalendarDate(date), doseMgPerM2 };
}

function toxicity(
  date: string,
  category: DosingToxicityObservation['category'],
  grade: number,
  term: string,
  hasNeuropathicPain = false,
): DosingToxicityObservation {
  return { date: toCalendarDate(date), category, grade, term, hasNeuropathicPain };
}

const platelets = (date: string, grade: number) => toxicity(date, 'haematological', grade, 'platelet count decreased');
const diarrhoea = (date: string, grade: number) => toxicity(date, 'non-haematological', grade, 'diarrhoea');
const neuropathy = (date: string, grade: number, pain = false) =>
  toxicity(date, 'peripheral-neuropathy', grade, 'peripheral sensory neuropathy', pain);

function kinds(
  administrations: readonly BortezomibAdministration[],
  toxicities: readonly DosingToxicityObservation[],
  settings: DoseModificationSettings = defaultDoseModificationSettings,
): string[] {
  return checkDoseModifications({ administrations, toxicities }, settings).findings.map(
    (finding) => `${finding.kind} ${finding.date}`,
  );
}

// Cycle 1 from 2006-01-02 (days 1, 4, 8, 11); cycle 2 from 2006-01-23 (day 22).
const cycle1 = [dose('2006-01-02', 1.3), dose('2006-01-05', 1.3), dose('2006-01-09', 1.3), dose('2006-01-12', 1.3)];

describe('checkDoseModifications — haematological and other toxicity (clinical-spec.md §6.3)', () => {
  it('finds nothing when every dose is 1.3 mg/m² and there is no toxicity (§6.3)', () => {
    const result = checkDoseModifications({ administrations: cycle1, toxicities: [] });
    expect(result.findings).toEqual([]);
    expect(result.isConforming).toBe(true);
    expect(result.doses.every((entry) => entry.requirement.kind === 'give')).toBe(true);
    expect(result.explanation.text).toContain('no deviation');
  });

  it.each([
    // [category, grade, withheld?] — grade 4 haematological / grade ≥ 3 non-haematological withhold
    ['haematological', 3, false],
    ['haematological', 4, true],
    ['non-haematological', 2, false],
    ['non-haematological', 3, true],
    ['non-haematological', 4, true],
  ] as const)('withholds for a %s toxicity of grade %s = %s (§6.3)', (category, grade, withheld) => {
    const found = kinds(cycle1, [toxicity('2006-01-08', category, grade, 'term')]);
    expect(found).toEqual(
      withheld ? ['dose-given-while-withheld 2006-01-09', 'dose-given-while-withheld 2006-01-12'] : [],
    );
  });

  it('explains a dose given while withheld with the toxicity, its date and the resolution grade (§6.3)', () => {
    const result = checkDoseModifications({ administrations: cycle1, toxicities: [platelets('2006-01-08', 4)] });
    expect(result.findings[0]?.explanation.text).toBe(
      'dose 1.3 mg/m² on 2006-01-09 given while bortezomib should be withheld: grade 4 haematological toxicity (platelet count decreased) from 2006-01-08, not resolved to grade ≤ 1 (§6.3)',
    );
    expect(result.findings[0]?.explanation.ruleId).toBe('bortezomib-dose-modification-haematological');
    expect(result.doses[2]?.requirement.kind).toBe('withhold');
  });

  it('treats a toxicity dated on a dosing day as assessed before that dose (§6.3 [IMPL])', () => {
    expect(kinds(cycle1.slice(0, 3), [platelets('2006-01-09', 4)])).toEqual(['dose-given-while-withheld 2006-01-09']);
  });

  it.each([
    // [restart dose, findings] — after grade 4 at 1.3 resolves, restart one level lower: 1.0
    [1.0, []],
    [1.3, ['dose-above-permitted-level 2006-01-23']],
    [0.7, ['dose-reduced-more-than-required 2006-01-23']],
  ])(
    'judges a restart at %s mg/m² after grade 4 thrombocytopenia at 1.3 resolved (rung 1.3 → 1.0, §6.3)',
    (restart, expected) => {
      const administrations = [...cycle1.slice(0, 3), dose('2006-01-23', restart)];
      expect(kinds(administrations, [platelets('2006-01-11', 4), platelets('2006-01-20', 1)])).toEqual(expected);
    },
  );

  it('explains a restart not reduced with the permitted level and why (§6.3)', () => {
    const result = checkDoseModifications({
      administrations: [...cycle1.slice(0, 3), dose('2006-01-23', 1.3)],
      toxicities: [platelets('2006-01-11', 4), platelets('2006-01-20', 1)],
    });
    expect(result.findings[0]?.explanation.text).toBe(
      'dose 1.3 mg/m² on 2006-01-23 not reduced: 1.0 mg/m² permitted (restart at 1.0 mg/m² after grade 4 haematological toxicity (platelet count decreased) from 2006-01-11 resolved to grade 1 on 2006-01-20, §6.3)',
    );
  });

  it('steps 1.0 → 0.7 on a second episode and notes possible discontinuation on a third at 0.7 (§6.3)', () => {
    const administrations = [
      dose('2006-01-02', 1.3),
      dose('2006-01-23', 1.0),
      dose('2006-02-13', 0.7),
      dose('2006-03-06', 0.7),
    ];
    const toxicities = [
      diarrhoea('2006-01-10', 3),
      diarrhoea('2006-01-20', 0),
      diarrhoea('2006-01-30', 3),
      diarrhoea('2006-02-10', 1),
      diarrhoea('2006-02-20', 3),
      diarrhoea('2006-03-01', 1),
    ];
    const result = checkDoseModifications({ administrations, toxicities });
    expect(result.findings.map((finding) => `${finding.kind} ${finding.severity}`)).toEqual([
      'discontinuation-to-consider note',
    ]);
    expect(result.isConforming).toBe(true);
    expect(
      result.doses.map((entry) => (entry.requirement.kind === 'give' ? entry.requirement.doseLevelMgPerM2 : null)),
    ).toEqual([1.3, 1.0, 0.7, 0.7]);
  });

  it.each([
    // [resolvedAtOrBelowGrade, findings] — grade 2 platelets 10 days later
    [1, ['dose-given-while-withheld 2006-01-23']],
    [2, []],
  ])('needs resolution to grade ≤ %s before restarting (§6.3 [IMPL] setting)', (resolvedAtOrBelowGrade, expected) => {
    const administrations = [dose('2006-01-02', 1.3), dose('2006-01-23', 1.0)];
    expect(
      kinds(administrations, [platelets('2006-01-10', 4), platelets('2006-01-20', 2)], {
        ...defaultDoseModificationSettings,
        resolvedAtOrBelowGrade,
      }),
    ).toEqual(expected);
  });

  it('tracks resolution per term, so another term resolving does not lift the hold (§6.3)', () => {
    const toxicities = [
      platelets('2006-01-10', 4),
      toxicity('2006-01-10', 'haematological', 4, 'neutrophil count decreased'),
      platelets('2006-01-20', 0),
    ];
    expect(kinds([dose('2006-01-02', 1.3), dose('2006-01-23', 1.0)], toxicities)).toEqual([
      'dose-given-while-withheld 2006-01-23',
    ]);
  });

  it.each([
    // [dose given, finding] — tolerance ±0.05 mg/m² around 1.3
    [1.35, null],
    [1.36, 'dose-above-permitted-level'],
    [1.25, null],
    [1.24, 'dose-reduced-more-than-required'],
  ])('matches a dose of %s mg/m² to the 1.3 level within ±0.05 (§6.4 [IMPL] tolerance)', (given, kind) => {
    const found = kinds([dose('2006-01-02', given)], []);
    expect(found).toEqual(kind === null ? [] : [`${kind} 2006-01-02`]);
  });

  it('flags the 1.5 mg/m² starting dose of one Musto 2007 patient as above the starting level (§0, §6.1)', () => {
    const result = checkDoseModifications({ administrations: [dose('2006-01-02', 1.5)], toxicities: [] });
    expect(result.findings[0]?.explanation.text).toContain('dose 1.5 mg/m² on 2006-01-02 above the starting level');
  });
});

describe('classifyNeuropathyDoseAction (clinical-spec.md §6.4)', () => {
  it.each([
    // [grade, pain, row, action]
    [0, false, 'no neuropathy', 'none'],
    [1, false, 'grade 1 without pain', 'none'],
    [1, true, 'grade 1 with pain or grade 2', 'reduce'],
    [2, false, 'grade 1 with pain or grade 2', 'reduce'],
    [2, true, 'grade 2 with pain or grade 3', 'withhold-then-restart'],
    [3, false, 'grade 2 with pain or grade 3', 'withhold-then-restart'],
    [3, true, 'grade 2 with pain or grade 3', 'withhold-then-restart'],
    [4, false, 'grade 4', 'discontinue'],
    [4, true, 'grade 4', 'discontinue'],
  ])('maps grade %s with pain=%s to the row "%s" → %s (§6.4)', (grade, pain, row, action) => {
    const result = classifyNeuropathyDoseAction(grade, pain);
    expect(result.row).toBe(row);
    expect(result.action.kind).toBe(action);
  });

  it.each([
    ['nci-2003', false],
    ['later-label', true],
  ] as const)('restarts at 0.7 mg/m² with once-weekly=%s under the %s label (§6.4, §9 item 4)', (label, weekly) => {
    expect(classifyNeuropathyDoseAction(3, false, label).action).toEqual({
      kind: 'withhold-then-restart',
      doseMgPerM2: 0.7,
      isOnceWeekly: weekly,
    });
  });

  it('reduces to 1.0 mg/m² for grade 1 with pain (§6.4)', () => {
    expect(classifyNeuropathyDoseAction(1, true).action).toEqual({ kind: 'reduce', doseMgPerM2: 1.0 });
  });

  it('rejects a grade outside 0–5 when given one', () => {
    expect(() => classifyNeuropathyDoseAction(6, false)).toThrow(RangeError);
    expect(() => classifyNeuropathyDoseAction(1.5, false)).toThrow(RangeError);
  });
});

describe('checkDoseModifications — peripheral neuropathy (clinical-spec.md §6.4)', () => {
  it.each([
    // [grade, pain, next dose, findings]
    [1, false, 1.3, []],
    [1, true, 1.3, ['dose-above-permitted-level 2006-01-12']],
    [1, true, 1.0, []],
    [2, false, 1.0, []],
    [2, true, 1.0, ['dose-given-while-withheld 2006-01-12']],
    [3, false, 0.7, ['dose-given-while-withheld 2006-01-12']],
    [4, false, 0.7, ['dose-after-discontinuation 2006-01-12']],
  ])('judges grade %s neuropathy (pain=%s) followed by %s mg/m² (§6.4)', (grade, pain, next, expected) => {
    expect(kinds([...cycle1.slice(0, 3), dose('2006-01-12', next)], [neuropathy('2006-01-11', grade, pain)])).toEqual(
      expected,
    );
  });

  it.each([
    // [restart dose, findings] — grade 3 resolves to grade 1: restart at 0.7
    [0.7, []],
    [1.0, ['dose-above-permitted-level 2006-01-23']],
  ])('judges a restart at %s mg/m² after grade 3 neuropathy resolved (§6.4)', (restart, expected) => {
    const toxicities = [neuropathy('2006-01-11', 3), neuropathy('2006-01-20', 1)];
    expect(kinds([...cycle1.slice(0, 3), dose('2006-01-23', restart)], toxicities)).toEqual(expected);
  });

  it('keeps a neuropathy reduction after the neuropathy improves (§6.4 [IMPL] no re-escalation)', () => {
    const toxicities = [neuropathy('2006-01-08', 2), neuropathy('2006-01-20', 0)];
    expect(kinds([...cycle1.slice(0, 3), dose('2006-01-23', 1.3)], toxicities)).toEqual([
      'dose-above-permitted-level 2006-01-09',
      'dose-above-permitted-level 2006-01-23',
    ]);
  });

  it.each([
    // [label, findings] — restart at 0.7 on days 1 and 4 after grade 3 resolved
    ['nci-2003', []],
    ['later-label', ['frequency-not-reduced 2006-01-26']],
  ] as const)('requires once-weekly restart doses only under the %s label (§6.4, §9 item 4)', (label, expected) => {
    const toxicities = [neuropathy('2006-01-11', 3), neuropathy('2006-01-20', 1)];
    const administrations = [
      ...cycle1.slice(0, 3),
      dose('2006-01-23', 0.7),
      dose('2006-01-26', 0.7),
      dose('2006-02-02', 0.7),
    ];
    expect(kinds(administrations, toxicities, { ...defaultDoseModificationSettings, neuropathyLabel: label })).toEqual(
      expected,
    );
  });

  it('names the later-label rule and its [P] wording when the restart is too frequent (§6.4)', () => {
    const result = checkDoseModifications(
      {
        administrations: [dose('2006-01-02', 1.3), dose('2006-01-23', 0.7), dose('2006-01-26', 0.7)],
        toxicities: [neuropathy('2006-01-11', 3), neuropathy('2006-01-20', 1)],
      },
      { ...defaultDoseModificationSettings, neuropathyLabel: 'later-label' },
    );
    const finding = result.findings[0];
    expect(finding?.explanation.ruleId).toBe('bortezomib-dose-modification-neuropathy-later-label');
    expect(finding?.explanation.text).toContain('only 3 days after the previous dose');
    expect(finding?.explanation.text).toContain('once weekly (§6.4 [P])');
  });

  it('rejects a ladder without the 0.7 mg/m² restart level or not decreasing', () => {
    expect(() =>
      checkDoseModifications(
        { administrations: cycle1, toxicities: [] },
        { ...defaultDoseModificationSettings, doseLevelsMgPerM2: [1.3, 1.0] },
      ),
    ).toThrow(RangeError);
    expect(() =>
      checkDoseModifications(
        { administrations: cycle1, toxicities: [] },
        { ...defaultDoseModificationSettings, doseLevelsMgPerM2: [1.0, 1.3, 0.7] },
      ),
    ).toThrow(RangeError);
    expect(() =>
      checkDoseModifications({ administrations: cycle1, toxicities: [neuropathy('2006-01-02', 7)] }),
    ).toThrow(RangeError);
  });
});
