/** One patient's completeness in the list: "n/m forms complete" and, in words, which forms are still to do. */
import { Badge, Stack, Text } from '@mantine/core';
import type { PatientCompleteness } from '@mmreg/contracts';
import { describeOpenForms, isPatientComplete } from './completeness-text.ts';

export function CompletenessCell({ completeness }: { readonly completeness: PatientCompleteness }) {
  const open = describeOpenForms(completeness);
  const isComplete = isPatientComplete(completeness);
  return (
    <Stack gap={2} align="flex-start">
      <Badge color={isComplete ? 'green' : 'gray'} variant="light" data-testid="completeness-badge">
        {completeness.completeForms}/{completeness.expectedForms} forms complete
      </Badge>
      {/* Gray 7, not dimmed: gray 6 fails AA contrast at this size. */}
      <Text size="xs" c="gray.7" maw={320}>
        {open ?? 'Every expected form is complete.'}
      </Text>
    </Stack>
  );
}
