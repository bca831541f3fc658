/**
 * The swimmer plot of all patients, one lane each, longest time on study first. Large registries are
 * shown a page of lanes at a time (every patient is on some page), so the figure stays readable and
 * quick to draw.
 */
import { Group, Pagination, Stack, Text } from '@mantine/core';
import { type SwimmerLane, swimmerPlot } from '@mmreg/report';
import { memo, useMemo, useState } from 'react';
import type { AnalysedPatient } from '../../api/dashboard-analysis.ts';
import { SvgFigure } from './SvgFigure.tsx';
import { survivalTimeLabel } from './survival-figures.ts';
import { buildSwimmerLanes, swimmerGroups } from './swimmer-lanes.ts';

export const swimmerPageSize = 100;

/** One page of lanes drawn (its own component, so React can yield between building lanes and drawing). */
const SwimmerFigure = memo(function SwimmerFigure({
  lanes,
  title,
}: {
  readonly lanes: SwimmerLane[];
  readonly title: string;
}) {
  const svg = useMemo(
    () => swimmerPlot({ title, lanes, timeLabel: survivalTimeLabel, groups: swimmerGroups }),
    [lanes, title],
  );
  return (
    <SvgFigure
      svg={svg}
      testId="swimmer"
      caption="One lane per patient: bar = time on study (OS time: to death or last contact), colour = PCL type; ▲ first response (≥ PR), ■ progression, × death, + alive at last contact."
    />
  );
});

export const SwimmerSection = memo(function SwimmerSection({
  patients,
}: {
  readonly patients: readonly AnalysedPatient[];
}) {
  const lanes = useMemo(() => buildSwimmerLanes(patients), [patients]);
  const [page, setPage] = useState(1);
  const pages = Math.max(1, Math.ceil(lanes.length / swimmerPageSize));
  const first = (page - 1) * swimmerPageSize;
  const shown = useMemo(() => lanes.slice(first, first + swimmerPageSize), [lanes, first]);
  if (shown.length === 0) return <Text size="sm">No analysed patient yet.</Text>;
  const title =
    pages === 1
      ? 'Swimmer plot, all patients'
      : `Swimmer plot, patients ${first + 1}–${first + shown.length} of ${lanes.length}`;
  return (
    <Stack gap="xs">
      {pages > 1 && (
        <Group justify="space-between">
          <Text size="sm" aria-live="polite">
            Patients {first + 1}–{first + shown.length} of {lanes.length}, longest time on study first.
          </Text>
          <Pagination total={pages} value={page} onChange={setPage} size="sm" aria-label="Swimmer plot pages" />
        </Group>
      )}
      <SwimmerFigure lanes={shown} title={title} />
    </Stack>
  );
});
