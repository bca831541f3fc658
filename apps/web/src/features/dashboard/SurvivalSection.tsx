/**
 * Kaplan–Meier PFS and OS with the subgroup selector. Only this section re-renders when the subgroup
 * changes; each subgroup is computed (core's functions) and drawn (the report's figure) once per data
 * set. The other subgroups are prepared while the browser is idle and their figures put in the page
 * hidden, so a change shows figures the browser has already parsed.
 */
import { Group, Radio, SimpleGrid, Stack, Text } from '@mantine/core';
import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { AnalysedPatient, AnalysisResults } from '../../api/dashboard-analysis.ts';
import { afterNextPaint, markTiming, measureSince, recordTiming, timingMarks } from './dashboard-timings.ts';
import { SvgFigure } from './SvgFigure.tsx';
import { buildSurvivalSummary, createSubgroupCache, type DrawnSubgroup, describeLogRank } from './survival-figures.ts';
import { findSubgroup, type SubgroupKey, subgroupDefinitions } from './survival-subgroups.ts';
import { TextTableView } from './TextTableView.tsx';

export interface SurvivalSectionProps {
  readonly results: AnalysisResults;
  readonly patients: readonly AnalysedPatient[];
}

function whenIdle(callback: () => void): () => void {
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(callback, { timeout: 2000 });
    return () => cancelIdleCallback(handle);
  }
  const handle = setTimeout(callback, 50);
  return () => clearTimeout(handle);
}

function isSubgroupKey(value: string): value is SubgroupKey {
  return subgroupDefinitions.some((definition) => definition.key === value);
}

const figureCaption = (endpoint: string) =>
  `${endpoint}: Kaplan–Meier estimate with pointwise 95% confidence band; + marks censored observations (marks overlapping by more than half their width drawn once); dashed lines mark reached medians; number at risk below.`;

/** One subgroup's two figures; hidden (display: none, so neither drawn nor read out) unless selected. */
const SubgroupFigures = memo(function SubgroupFigures({
  figures,
  isShown,
}: {
  readonly figures: DrawnSubgroup;
  readonly isShown: boolean;
}) {
  return (
    // A plain div: the hidden attribute's display: none must not meet the grid's own display.
    <div hidden={!isShown}>
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        <SvgFigure
          svg={figures.pfsSvg}
          caption={figureCaption('Progression-free survival')}
          {...(isShown ? { testId: 'km-pfs' } : {})}
        />
        <SvgFigure
          svg={figures.osSvg}
          caption={figureCaption('Overall survival')}
          {...(isShown ? { testId: 'km-os' } : {})}
        />
      </SimpleGrid>
    </div>
  );
});

export const SurvivalSection = memo(function SurvivalSection({ results, patients }: SurvivalSectionProps) {
  const cache = useMemo(
    () =>
      createSubgroupCache(results, patients, (key, durationMs) =>
        recordTiming(`dashboard:subgroup-compute:${key}`, durationMs),
      ),
    [results, patients],
  );
  const [key, setKey] = useState<SubgroupKey>('all');
  // Subgroups whose figures are in the page (hidden unless selected), in the order they were prepared.
  const [mounted, setMounted] = useState<readonly SubgroupKey[]>(['all']);
  /** The subgroup just chosen with the selector, until its figures are in the page. */
  const pendingKey = useRef<SubgroupKey | null>(null);
  const definition = findSubgroup(key);
  const drawn = cache.get(key);
  const summary = useMemo(() => buildSurvivalSummary(drawn.survival, definition.label), [drawn, definition.label]);

  useLayoutEffect(() => {
    if (pendingKey.current !== key) return;
    pendingKey.current = null;
    measureSince('dashboard:subgroup-redraw', timingMarks.subgroupSelected);
    afterNextPaint(() => measureSince('dashboard:subgroup-redraw-painted', timingMarks.subgroupSelected));
  }, [key]);

  // Prepare the other subgroups one per idle period, so changing the selector only swaps figures.
  useEffect(() => {
    const pending = subgroupDefinitions.map((entry) => entry.key).filter((entry) => !cache.has(entry));
    let cancel: () => void = () => undefined;
    const next = () => {
      const upcoming = pending.shift();
      if (upcoming === undefined) return;
      cache.get(upcoming);
      setMounted((current) => (current.includes(upcoming) ? current : [...current, upcoming]));
      cancel = whenIdle(next);
    };
    cancel = whenIdle(next);
    return () => cancel();
  }, [cache]);

  const select = (value: string) => {
    if (!isSubgroupKey(value) || value === key) return;
    markTiming(timingMarks.subgroupSelected);
    pendingKey.current = value;
    setKey(value);
    setMounted((current) => (current.includes(value) ? current : [...current, value]));
  };

  const pfsTest = describeLogRank(drawn.survival.pfs);
  const osTest = describeLogRank(drawn.survival.os);
  return (
    <Stack gap="sm">
      <Radio.Group
        label="Compare survival by"
        description="Subgroup curves and log-rank tests are recomputed in the browser with the report's functions."
        value={key}
        onChange={select}
        styles={{ description: { color: 'var(--mantine-color-gray-7)' } }}
      >
        <Group mt="xs" gap="lg">
          {subgroupDefinitions.map((entry) => (
            <Radio key={entry.key} value={entry.key} label={entry.label} />
          ))}
        </Group>
      </Radio.Group>
      <Text size="sm" aria-live="polite" data-testid="survival-status">
        {key === 'all'
          ? `All ${drawn.survival.pfs.levels[0]?.estimate.n ?? 0} analysed patients.`
          : `By ${definition.label}: PFS ${pfsTest ?? ''}; OS ${osTest ?? ''}.`}
      </Text>
      {mounted.map((entry) => (
        <SubgroupFigures key={entry} figures={cache.get(entry)} isShown={entry === key} />
      ))}
      <TextTableView table={summary} testId="survival-summary" />
    </Stack>
  );
});
