/**
 * The coordinator dashboard (issue 6 item 4): enrolment and completeness per centre, Kaplan–Meier PFS
 * and OS with the subgroup selector, response and toxicity, the literature comparison, a swimmer plot
 * of all patients and the claims check — every number from `GET /api/studies/{id}/analysis`, which
 * runs the CLI report's analysis. Loaded lazily by the router at /dashboard (default export).
 */
import { Alert, Group, Stack, Text, Title } from '@mantine/core';
import { type ReactNode, type Ref, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { describeError } from '../../api/api-error.ts';
import type { AnalysedPatient, AnalysedStudy, StudyAnalysis } from '../../api/dashboard-analysis.ts';
import { useStudyAnalysis } from '../../api/dashboard-analysis.ts';
import { useAuth } from '../../app/auth-context.ts';
import { PageLoader } from '../../components/PageLoader.tsx';
import { AnalysisNotes, ClaimsCheck, LiteratureComparison, ResponseTables } from './DashboardSections.tsx';
import { DownloadsSlot } from './DownloadsSlot.tsx';
import classes from './dashboard.module.css';
import { buildEnrolmentRows } from './dashboard-tables.ts';
import { afterNextPaint, markTiming, measureSince, timingMarks } from './dashboard-timings.ts';
import { createTimedSubgroupCache, SurvivalSection } from './SurvivalSection.tsx';
import { SwimmerSection } from './SwimmerSection.tsx';
import { createSubgroupPreparation, type SubgroupPreparation } from './subgroup-preparation.ts';
import { preparedKeys } from './subgroup-worker-protocol.ts';
import type { SubgroupCache } from './survival-figures.ts';
import { TextTableView } from './TextTableView.tsx';
import { useStagedMount } from './use-staged-mount.ts';
import { useSubgroupsFirst } from './use-subgroups-first.ts';
import { whenIdle } from './when-idle.ts';
import { whenQuiet } from './when-quiet.ts';

const noPatients: readonly AnalysedPatient[] = [];

function Section({
  id,
  title,
  isBelowFold = false,
  sectionRef,
  children,
}: {
  readonly id: string;
  readonly title: string;
  /** Laid out and painted only when scrolled near (content-visibility: auto), so it never holds up the curves. */
  readonly isBelowFold?: boolean;
  readonly sectionRef?: Ref<HTMLElement>;
  readonly children: ReactNode;
}) {
  return (
    <section
      ref={sectionRef}
      aria-labelledby={`${id}-title`}
      className={isBelowFold ? classes['belowFold'] : undefined}
      data-below-fold={isBelowFold ? '' : undefined}
    >
      <Stack gap="sm">
        <Title order={3} id={`${id}-title`}>
          {title}
        </Title>
        {children}
      </Stack>
    </section>
  );
}

/** The sections below the curves, in page order, each one stage of the staged mount. */
function lowerSections(analysis: AnalysedStudy): ReactNode[] {
  return [
    <Section key="response" id="response" isBelowFold title="Response and toxicity">
      <ResponseTables results={analysis.results} />
    </Section>,
    <Section key="literature" id="literature" isBelowFold title="Literature comparison">
      <LiteratureComparison results={analysis.results} />
    </Section>,
    <Section key="swimmer" id="swimmer" isBelowFold title="Swimmer plot">
      <SwimmerSection patients={analysis.patients} />
    </Section>,
    <Section key="claims" id="claims" isBelowFold title="Claims check">
      <ClaimsCheck analysis={analysis} />
    </Section>,
  ];
}

export interface DashboardContentProps {
  readonly analysis: StudyAnalysis;
  /** The analysis' subgroup cache, when the page has begun drawing before this mounts. */
  readonly cache?: SubgroupCache;
  /** The subgroup worker; absent: subgroups are prepared on the main thread (tests). */
  readonly preparation?: SubgroupPreparation | null;
  /**
   * Schedules the next section below the curves while their place is out of view (default: an idle
   * period once nobody has used the page for half a second, when-quiet.ts; tests step it by hand).
   * Once it has come into view, the next idle period.
   */
  readonly scheduleStage?: typeof whenIdle;
}

/** Whether the element has come into the viewport (and stays true); false where there is no IntersectionObserver. */
function useHasBeenSeen(element: { readonly current: Element | null }): boolean {
  const [isSeen, setSeen] = useState(false);
  useEffect(() => {
    const target = element.current;
    if (isSeen || target === null || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) setSeen(true);
    });
    observer.observe(target);
    return () => observer.disconnect();
  }, [element, isSeen]);
  return isSeen;
}

export function DashboardContent({ analysis, cache, preparation = null, scheduleStage }: DashboardContentProps) {
  const patients = analysis.status === 'analysed' ? analysis.patients : noPatients;
  const enrolment = useMemo(() => buildEnrolmentRows(analysis, patients), [analysis, patients]);

  // The sections below the survival curves (out of view at 1280×800) go in after the first paint, one
  // per idle period once nobody has used the page for half a second since it appeared (pointer moves
  // count), so their commits do not land on the first clicks of someone starting to use the page; one
  // per idle period, without waiting, once the place they go has come into view (use-staged-mount.ts,
  // when-quiet.ts).
  const [shownAt] = useState(() => performance.now());
  const whenQuietSinceShown = useCallback(
    (callback: () => void) => whenQuiet(callback, { notBefore: shownAt }),
    [shownAt],
  );
  const stages = analysis.status === 'analysed' ? lowerSections(analysis) : [];
  const belowCurves = useRef<HTMLElement>(null);
  const isBelowCurvesSeen = useHasBeenSeen(belowCurves);
  const mountedStages = useStagedMount(
    stages.length,
    isBelowCurvesSeen ? whenIdle : (scheduleStage ?? whenQuietSinceShown),
  );
  const showsLowerSections = mountedStages === stages.length;

  useLayoutEffect(() => {
    measureSince('dashboard:first-render', timingMarks.dataLoaded);
    afterNextPaint(() => measureSince('dashboard:first-render-painted', timingMarks.dataLoaded));
  }, []);

  useEffect(() => {
    if (showsLowerSections)
      afterNextPaint(() => measureSince('dashboard:all-sections-painted', timingMarks.dataLoaded));
  }, [showsLowerSections]);

  return (
    <Stack gap="xl">
      <Group justify="space-between" align="flex-start">
        <Stack gap={2}>
          <Title order={2}>Study dashboard: {analysis.study.title}</Title>
          <Text size="sm" c="gray.7">
            {analysis.scope.isStudyWide
              ? `All ${analysis.scope.centers.length} centres`
              : `Your centres only (${analysis.scope.centers.map((center) => center.code).join(', ')})`}
            {' · '}computed {analysis.generatedAt} by the same analysis as the CLI report
          </Text>
        </Stack>
        <DownloadsSlot studyId={analysis.study.id} isStudyWide={analysis.scope.isStudyWide} />
      </Group>
      <Section id="enrolment" title="Enrolment and completeness">
        <TextTableView table={enrolment} minWidth={760} testId="enrolment-table" />
      </Section>
      {analysis.status === 'no-patients-in-scope' ? (
        <Alert color="gray" title="Nothing to analyse yet">
          {analysis.message}
        </Alert>
      ) : (
        <>
          <Section id="survival" title="Progression-free and overall survival">
            <SurvivalSection
              results={analysis.results}
              patients={analysis.patients}
              preparation={preparation}
              {...(cache === undefined ? {} : { cache })}
            />
          </Section>
          {stages.slice(0, mountedStages)}
        </>
      )}
      {/* Right below the curves until the sections above it go in: where they appear. */}
      <Section id="notes" isBelowFold title="Patients not analysed and method notes" sectionRef={belowCurves}>
        <AnalysisNotes notAssessed={analysis.notAssessed} notes={analysis.notes} />
      </Section>
    </Stack>
  );
}

export default function DashboardPage() {
  const { studyId } = useAuth();
  const [preparation] = useState(() => createSubgroupPreparation());
  // The worker's code loads while the analysis downloads; it stops when the page is left.
  useEffect(() => {
    preparation.warm();
    return () => preparation.dispose();
  }, [preparation]);
  const analysis = useStudyAnalysis(studyId, (loaded) => {
    markTiming(timingMarks.dataLoaded);
    // Both cores work from here: the worker on the subgroups, the page on its first render.
    if (loaded.status === 'analysed') preparation.prepare(loaded.patients, loaded.results.conventions, preparedKeys);
  });
  const data = analysis.data;
  const cache = useMemo(
    () => (data?.status === 'analysed' ? createTimedSubgroupCache(data.results, data.patients) : undefined),
    [data],
  );
  const isReady = useSubgroupsFirst(preparation, data, cache);
  if (studyId === null) return <Alert color="gray">You are not a member of any study.</Alert>;
  if (analysis.isPending || (analysis.isSuccess && !isReady)) return <PageLoader />;
  if (analysis.isError) {
    return (
      <Alert color="red" title="The analysis could not be loaded">
        {describeError(analysis.error)}
      </Alert>
    );
  }
  return (
    <DashboardContent analysis={analysis.data} preparation={preparation} {...(cache === undefined ? {} : { cache })} />
  );
}
