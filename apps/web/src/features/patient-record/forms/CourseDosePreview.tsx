/** Live BSA and planned dose in mg under the course form, with the rules' explanations. */
import { Group, Stack, Text } from '@mantine/core';
import { type CourseDoseInput, computeCourseDose, formatDose } from './course-dose.ts';

export function CourseDosePreview(props: CourseDoseInput) {
  const { bodySurfaceArea, dose } = computeCourseDose(props);
  if (bodySurfaceArea === null) {
    return (
      <Text size="sm" c="dimmed" data-testid="course-dose">
        Enter height and weight to compute the body surface area.
      </Text>
    );
  }
  return (
    <Stack gap={2} data-testid="course-dose" aria-live="polite">
      <Group gap="lg">
        <Text size="sm">
          BSA: <strong data-testid="course-bsa">{formatDose(bodySurfaceArea.bodySurfaceAreaM2)}</strong> m²
        </Text>
        {dose !== null && (
          <Text size="sm">
            Planned dose: <strong data-testid="course-dose-mg">{formatDose(dose.doseMg)}</strong> mg per administration
          </Text>
        )}
      </Group>
      <Text size="xs" c="dimmed">
        {bodySurfaceArea.explanation.text}
      </Text>
      {dose !== null && (
        <Text size="xs" c="dimmed">
          {dose.explanation.text}
        </Text>
      )}
    </Stack>
  );
}
