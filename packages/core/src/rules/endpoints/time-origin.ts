/**
 * The time origin of the endpoints, clinical-spec.md §0 [IMPL]: Musto 2007 counts "beginning with the
 * first month of treatment with bortezomib", which is ambiguous, so the origin is a setting: the first
 * bortezomib dose (C1D1, default) or the first day of C1D1's calendar month, the rule for a centre
 * that records only month and year. The imputation is stated in the result, never silent.
 */
import type { CalendarDate } from '../../domain/calendar-date.ts';
import type { RuleDefinition } from '../rule.ts';
import type { EndpointSettings, TimeOrigin } from './endpoint-types.ts';

export const timeOriginRule: RuleDefinition = {
  id: 'endpoint-time-origin',
  version: '1',
  title: 'Time origin: first bortezomib dose (C1D1) or the first day of its calendar month',
  specSection: '§0',
  source: 'Musto P, et al. Cancer 2007;109:2285–90 ("from the first month of bortezomib"); clinical-spec.md §0 [IMPL]',
  evidence: 'IMPL',
};

export function deriveTimeOrigin(indexDate: CalendarDate, timeOrigin: EndpointSettings['timeOrigin']): TimeOrigin {
  switch (timeOrigin) {
    case 'first-dose':
      return { date: indexDate, isImputed: false, text: `time origin ${indexDate} (first bortezomib dose, §0)` };
    case 'first-day-of-month': {
      const date = `${indexDate.slice(0, 8)}01` as CalendarDate;
      return {
        date,
        isImputed: date !== indexDate,
        text:
          date === indexDate
            ? `time origin ${date} (first bortezomib dose, on the first day of its month, §0)`
            : `time origin ${date} imputed as the first day of the month of the first bortezomib dose ${indexDate} (§0 [IMPL], timeOrigin = first-day-of-month)`,
      };
    }
    default: {
      const unreachable: never = timeOrigin;
      throw new RangeError(`unknown time origin setting ${String(unreachable)}`);
    }
  }
}
