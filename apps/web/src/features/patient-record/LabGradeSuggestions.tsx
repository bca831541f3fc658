/**
 * Adverse events the rules graded from laboratory values (CTCAE, in the derived results) that are not
 * yet recorded as adverse events: proposed, never saved without the user.
 */
import { Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import type { ChildRecord } from '@mmreg/contracts';
import type { LabGrade } from '../../api/derived-results-schema.ts';
import { useDerived } from '../../api/use-registry-queries.ts';
import type { ChildFormValues } from './child-form-config.ts';

export interface LabGradeSuggestionsProps {
  readonly patientId: number;
  readonly recorded: readonly ChildRecord<'adverse-events'>[];
  readonly canWrite: boolean;
  readonly onPropose: (values: ChildFormValues<'adverse-events'>) => void;
}

/** Worst lab-derived grade per term, leaving out terms already recorded with at least that grade. */
export function unrecordedLabGrades(
  grades: readonly LabGrade[],
  recorded: readonly ChildRecord<'adverse-events'>[],
): LabGrade[] {
  const worst = new Map<string, LabGrade>();
  for (const grade of grades) {
    const current = worst.get(grade.term);
    if (current === undefined || grade.grade > current.grade) worst.set(grade.term, grade);
  }
  return [...worst.values()].filter(
    (grade) =>
      !recorded.some((event) => event.term.toLowerCase() === grade.term.toLowerCase() && event.grade >= grade.grade),
  );
}

export function LabGradeSuggestions({ patientId, recorded, canWrite, onPropose }: LabGradeSuggestionsProps) {
  const derived = useDerived(patientId);
  const results = derived.data?.results;
  if (results?.status !== 'derived') return null;
  const suggestions = unrecordedLabGrades(results.labGrades, recorded);
  if (suggestions.length === 0) return null;
  return (
    <Card withBorder padding="sm" bg="var(--mantine-color-blue-light)">
      <Title order={4} size="h6" mb={4}>
        Suggested from laboratory values
      </Title>
      <Stack gap={6}>
        {suggestions.map((grade) => (
          <Group key={grade.term} justify="space-between" wrap="nowrap" align="flex-start">
            <div>
              <Text size="sm" fw={600}>
                {grade.term}, grade {grade.grade} (CTCAE {grade.version}) on {grade.date}
              </Text>
              <Text size="xs" c="dimmed">
                {grade.explanation.text}
              </Text>
            </div>
            {canWrite && (
              <Button
                size="compact-sm"
                variant="light"
                onClick={() =>
                  onPropose({
                    term: grade.term,
                    ctcaeVersion: grade.version === 'v5' ? 'v5' : 'v3',
                    grade: grade.grade,
                    onsetDate: grade.date,
                    resolutionDate: null,
                    isSerious: false,
                    attribution: null,
                    action: null,
                    courseId: null,
                    formStatus: 'incomplete',
                  })
                }
              >
                Record as adverse event
              </Button>
            )}
          </Group>
        ))}
      </Stack>
    </Card>
  );
}
