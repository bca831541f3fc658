/** Choices shared by every form: REDCap-style form status. */
import { formStatuses } from '@mmreg/contracts';

const formStatusLabels = { incomplete: 'Incomplete', unverified: 'Unverified', complete: 'Complete' } as const;

export const formStatusOptions = formStatuses.map((status) => ({ value: status, label: formStatusLabels[status] }));

export function formStatusLabel(status: (typeof formStatuses)[number]): string {
  return formStatusLabels[status];
}

export function formStatusColour(status: (typeof formStatuses)[number]): string {
  return status === 'complete' ? 'green' : status === 'unverified' ? 'yellow' : 'gray';
}
