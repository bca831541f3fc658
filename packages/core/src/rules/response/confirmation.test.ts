import { describe, expect, it } from 'vitest';
import type { CalendarDate } from '../../domain/calendar-date.ts';
import { type ResponseCategory, responseCategories } from '../../domain/response-category.ts';
import { confirmTimepoints, describeConfirmation } from './confirmation.ts';
import { deriveResponse } from './derive-response.ts';
import { type ResponseOptions, resolveResponseSettings } from './response-settings.ts';
import { day, labsOf, therapyLines } from './test-support.ts';
import { imwg2006Criteria } from './timepoint-response-imwg2006.ts';

/** Confirms a series of unconfirmed responses taken every `everyDays` days from 2006-02-01. */
function confirm(
  categories: readonly ResponseCategory[],
  options: ResponseOptions & {
    readonly everyDays?: number;
    readonly imaging?: readonly boolean[];
    readonly death?: string;
    readonly newTherapy?: string;
  } = {},
) {
  const start = 13180; // 2006-02-01
  const everyDays = options.everyDays ?? 28;
  const days = categories.map((_, index) => start + index * everyDays);
  const dates = days.map((value) => day(new Date(value * 86_400_000).toISOString().slice(0, 10)));
  const death =
    options.death === undefined ? null : { day: Date.parse(options.death) / 86_400_000, date: day(options.death) };
  const result = confirmTimepoints(
    {
      days,
      dates,
      ranks: categories.map((category) => responseCategories.indexOf(category)),
      isImagingProgression: options.imaging ?? categories.map(() => false),
      death,
      newTherapyDay: options.newTherapy === undefined ? null : Date.parse(options.newTherapy) / 86_400_000,
    },
    resolveResponseSettings(imwg2006Criteria, options),
  );
  return { result, dates: dates as readonly CalendarDate[] };
}

describe('confirmTimepoints, consecutive assessments (clinical-spec.md §1.2, §1.6 step 5)', () => {
  it.each([
    [['PR', 'PR'], 'PR', true, 'the next assessment is the same level'],
    [['PR', 'VGPR'], 'PR', true, 'the next assessment is better'],
    [['CR', 'VGPR'], 'VGPR', false, 'the next assessment is worse but still a response'],
    [['PR', 'SD'], 'SD', false, 'the next assessment is SD'],
    [['PR', 'PD', 'PD'], 'SD', false, 'the next assessment is PD'],
    [['PR'], 'SD', false, 'there is no later assessment'],
    [['PR', 'NE', 'PR'], 'PR', true, 'an NE assessment is skipped'],
  ] as const)(
    'confirms %j at the first time point as %s (confirmed=%s) when %s',
    (categories, confirmedAs, confirmed, _why) => {
      const [first] = confirm(categories).result;
      expect(first?.confirmedAs).toBe(confirmedAs);
      expect(first?.confirmed).toBe(confirmed);
    },
  );

  it('turns a PD followed by a non-PD assessment into NE at its date (§1.6 step 5)', () => {
    const { result } = confirm(['PR', 'PD', 'PR']);
    expect(result[1]?.response).toBe('NE');
    expect(describeConfirmation(result[1] as (typeof result)[number])).toBe(
      'PD criteria met but not confirmed: the next assessment (2006-03-29) was PR, so not evaluable at this date (§1.6 step 5)',
    );
    // The PR before it is then confirmed by the PR after the NE.
    expect(result[0]?.confirmed).toBe(true);
  });

  it('confirms a PD by the next PD and dates it at the first of the two (§1.6 step 8)', () => {
    const { result, dates } = confirm(['SD', 'PD', 'PD']);
    expect(result[1]?.confirmed).toBe(true);
    expect(result[1]?.confirmedOn).toBe(dates[2]);
  });

  it.each([
    ['any-cause', true, 'death of any cause confirms by default'],
    ['never', false, 'the setting can require a second assessment'],
  ] as const)(
    'treats a last PD followed by death with deathConfirmsProgression=%s as confirmed=%s when %s',
    (setting, confirmed, _why) => {
      const { result } = confirm(['SD', 'PD'], { death: '2006-04-10', deathConfirmsProgression: setting });
      expect(result[1]?.confirmed).toBe(confirmed);
      expect(result[1]?.response).toBe('PD');
    },
  );

  it('does not let a death after the start of new therapy confirm PD (§1.6 step 9)', () => {
    const { result } = confirm(['SD', 'PD'], { death: '2006-06-10', newTherapy: '2006-04-01' });
    expect(result[1]?.confirmed).toBe(false);
    expect(describeConfirmation(result[1] as (typeof result)[number])).toBe(
      'not confirmed: death came after the start of new therapy',
    );
  });

  it('confirms an imaging PD on its own date without a second assessment (§1.2)', () => {
    const { result, dates } = confirm(['SD', 'PD'], { imaging: [false, true] });
    expect(result[1]?.confirmed).toBe(true);
    expect(result[1]?.confirmedOn).toBe(dates[1]);
  });

  it.each([
    [false, 'SD', 'SD needs no confirmation by default'],
    [true, null, 'SD needs a later non-PD assessment when confirmStableDisease is on'],
  ] as const)(
    'counts a single last SD with confirmStableDisease=%s as %s when %s (§1.2 [IMPL])',
    (confirmSd, confirmedAs, _why) => {
      const [first] = confirm(['SD'], { confirmStableDisease: confirmSd }).result;
      expect(first?.confirmedAs).toBe(confirmedAs);
    },
  );
});

describe('confirmTimepoints, sustained duration (clinical-spec.md §3)', () => {
  it.each([
    [41, false, 'the second PR is 41 days later'],
    [42, true, 'the second PR is 42 days (6 weeks) later'],
  ])('confirms a PR sustained to day +%s: %s when %s (§3)', (everyDays, confirmed) => {
    const [first] = confirm(['PR', 'PR'], { everyDays, confirmation: 'sustained-duration' }).result;
    expect(first?.confirmed).toBe(confirmed);
  });

  it('confirms at the worst level held over the six weeks (§3)', () => {
    const [first] = confirm(['CR', 'PR', 'CR'], { everyDays: 21, confirmation: 'sustained-duration' }).result;
    expect(first?.confirmedAs).toBe('PR');
    expect(describeConfirmation(first as NonNullable<typeof first>)).toBe(
      'confirmed as PR sustained to 2006-03-15 (day +42 ≥ 42)',
    );
  });
});

describe('confirmation through deriveResponse (clinical-spec.md §1.6 steps 5 and 9)', () => {
  it('leaves a PR unconfirmed when a new line of therapy starts before the confirming assessment', () => {
    const result = deriveResponse({
      labs: labsOf({
        '2006-01-05': { serum: 3 },
        '2006-02-07': { serum: 1.2 },
        '2006-03-07': { serum: 1.1 },
        '2006-04-04': { serum: 1.0 },
      }),
      therapyLines: therapyLines('2006-01-10', '2006-03-01'),
    });
    expect(result.timepoints.map((timepoint) => timepoint.date)).toEqual(['2006-02-07']);
    expect(result.timepoints[0]?.confirmed).toBe(false);
    expect(result.timepoints[0]?.explanation.text).toBe(
      'PR on 2006-02-07, not confirmed: no later assessment before new therapy; counts as SD — serum M-protein 3 → 1.2 g/dL (−60%): PR level (reduction ≥ 50%; VGPR needs ≥ 90%).',
    );
    expect(result.excludedAfterNewTherapy).toBe(2);
    expect(result.bestResponse?.category).toBe('SD');
    expect(result.firstResponseDate).toBeNull();
  });

  it.each([
    ['belong-to-prior-line', 1, 'PR', 'a result on the new line’s start date is pre-dose and still confirms'],
    ['excluded', 2, 'SD', 'the setting can exclude it'],
  ] as const)(
    'treats labs on the new therapy start date with sameDayAsNewTherapy=%s: excluded %s, best %s when %s',
    (setting, excluded, best, _why) => {
      const result = deriveResponse(
        {
          labs: labsOf({
            '2006-01-05': { serum: 3 },
            '2006-02-07': { serum: 1.2 },
            '2006-03-07': { serum: 1.1 },
            '2006-04-04': { serum: 1.0 },
          }),
          therapyLines: therapyLines('2006-01-10', '2006-03-07'),
        },
        { sameDayAsNewTherapy: setting },
      );
      expect(result.excludedAfterNewTherapy).toBe(excluded);
      expect(result.bestResponse?.category).toBe(best);
    },
  );
});
