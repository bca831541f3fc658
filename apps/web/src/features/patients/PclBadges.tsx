/**
 * The PCL criteria at diagnosis from the peripheral-blood plasma cell % and the WBC: the absolute
 * count and whether IMWG 2003 and IMWG 2021 are met, computed by core's rule (never here), with the
 * rule's own explanation.
 */
import { Badge, Group, Stack, Text } from '@mantine/core';
import { classifyPlasmaCellLeukaemia, type PclClassification } from '@mmreg/core';

export interface PclBadgesProps {
  readonly percent: number | null;
  readonly wbcPer1e9L: number | null;
}

function classify(percent: number | null, wbc: number | null): PclClassification | null {
  if (percent === null || wbc === null) return null;
  try {
    return classifyPlasmaCellLeukaemia({ peripheralBloodPlasmaCellsPercent: percent, whiteBloodCellsPer1e9L: wbc });
  } catch {
    return null; // out of range: the field itself shows the schema's error
  }
}

function formatCount(value: number): string {
  return (Math.round(value * 1000) / 1000).toString();
}

export function PclBadges({ percent, wbcPer1e9L }: PclBadgesProps) {
  const result = classify(percent, wbcPer1e9L);
  if (result === null) {
    return (
      <Text size="sm" c="dimmed" data-testid="pcl-badges">
        Enter PB plasma cells (%) and WBC to classify plasma cell leukaemia.
      </Text>
    );
  }
  const criteria = [
    { name: 'IMWG 2003', testId: 'pcl-2003', result: result.imwg2003 },
    { name: 'IMWG 2021', testId: 'pcl-2021', result: result.imwg2021 },
  ];
  return (
    <Stack gap={4} data-testid="pcl-badges" aria-live="polite">
      <Text size="sm">
        Absolute PB plasma cells:{' '}
        <strong data-testid="pcl-absolute">{formatCount(result.absolutePlasmaCellsPer1e9L)}</strong> ×10⁹/L
      </Text>
      <Group gap="xs">
        {criteria.map(({ name, testId, result: criterion }) => (
          <Badge
            key={name}
            color={criterion.isMet ? 'red' : 'gray'}
            variant={criterion.isMet ? 'filled' : 'outline'}
            data-testid={testId}
            data-met={criterion.isMet}
          >
            PCL {name}: {criterion.isMet ? 'met' : 'not met'}
          </Badge>
        ))}
      </Group>
      {criteria.map(({ name, result: criterion }) => (
        <Text key={name} size="xs" c="dimmed">
          {criterion.explanation.text}
        </Text>
      ))}
    </Stack>
  );
}
