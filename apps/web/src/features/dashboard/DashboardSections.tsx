/** The dashboard's sections below the survival curves: tables, literature forest plot and claims, each memoised on the analysis. */
import { Alert, List, Stack, Text } from '@mantine/core';
import { memo, useMemo } from 'react';
import type { AnalysedStudy, AnalysisResults } from '../../api/dashboard-analysis.ts';
import { buildClaimRows, buildLiteratureRows, buildResponseRows, buildToxicityRows } from './dashboard-tables.ts';
import { describeLiteratureForest, drawLiteratureForest } from './literature-figure.ts';
import { SvgFigure } from './SvgFigure.tsx';
import { TextTableView } from './TextTableView.tsx';

export const ResponseTables = memo(function ResponseTables({ results }: { readonly results: AnalysisResults }) {
  const response = useMemo(() => buildResponseRows(results), [results]);
  const toxicity = useMemo(() => buildToxicityRows(results), [results]);
  return (
    <Stack gap="lg">
      <TextTableView table={response} testId="response-table" />
      <TextTableView table={toxicity} testId="toxicity-table" />
    </Stack>
  );
});

export const LiteratureComparison = memo(function LiteratureComparison({
  results,
}: {
  readonly results: AnalysisResults;
}) {
  const table = useMemo(() => buildLiteratureRows(results), [results]);
  const svg = useMemo(() => drawLiteratureForest(results), [results]);
  if (table === null || svg === null) {
    return (
      <Text size="sm">
        No literature comparison: the study has no historical series to compare with (the server attaches them for the
        reference study; see the notes).
      </Text>
    );
  }
  return (
    <Stack gap="md">
      <SvgFigure svg={svg} caption={describeLiteratureForest(results)} testId="forest" />
      <TextTableView table={table} minWidth={760} testId="literature-table" />
    </Stack>
  );
});

export const ClaimsCheck = memo(function ClaimsCheck({ analysis }: { readonly analysis: AnalysedStudy }) {
  const table = useMemo(() => buildClaimRows(analysis.results), [analysis.results]);
  if (!analysis.scope.isStudyWide) {
    return (
      <Alert color="gray" title="Claims are not checked for this scope">
        Published claims are statements about the whole study: the server checks them only for users who read every
        centre. Your analysis covers {analysis.scope.centers.length} centre(s).
      </Alert>
    );
  }
  if (analysis.results.claims.length === 0) {
    return (
      <Alert color="gray" title="No published claims to check">
        This study has no published claims on file (claims are defined for the reference study, musto2007).
      </Alert>
    );
  }
  return <TextTableView table={table} minWidth={900} testId="claims-table" />;
});

export const AnalysisNotes = memo(function AnalysisNotes({
  notAssessed,
  notes,
}: {
  readonly notAssessed: AnalysedStudy['notAssessed'];
  readonly notes: readonly string[];
}) {
  return (
    <Stack gap="sm">
      {notAssessed.length > 0 && (
        <Alert color="yellow" title={`${notAssessed.length} registered patient(s) not analysed yet`}>
          <List size="sm">
            {notAssessed.slice(0, 50).map((entry) => (
              <List.Item key={entry.code}>
                {entry.code} ({entry.centerCode}): {entry.reason}
              </List.Item>
            ))}
          </List>
          {notAssessed.length > 50 && <Text size="sm">… and {notAssessed.length - 50} more.</Text>}
        </Alert>
      )}
      <List size="sm" spacing={4}>
        {notes.map((note) => (
          <List.Item key={note}>{note}</List.Item>
        ))}
      </List>
    </Stack>
  );
});
