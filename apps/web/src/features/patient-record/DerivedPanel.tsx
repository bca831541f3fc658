/**
 * What the rules derived from this patient's data (GET /api/patients/{id}/derived): time-point
 * responses, best response, progression, PFS and OS, dosing findings, each with its explanation.
 * Refreshed by react-query after every save; it displays, never computes.
 */
import { Alert, Badge, Card, Group, List, Stack, Table, Text, Title } from '@mantine/core';
import { describeError } from '../../api/api-error.ts';
import type { DerivedPatient } from '../../api/derived-results-schema.ts';
import { useDerived } from '../../api/use-registry-queries.ts';
import { PageLoader } from '../../components/PageLoader.tsx';

function Explained({
  title,
  value,
  explanation,
}: {
  readonly title: string;
  readonly value: string;
  readonly explanation: string;
}) {
  return (
    <div>
      <Group gap="xs">
        <Text size="sm" fw={600}>
          {title}
        </Text>
        <Badge variant="light">{value}</Badge>
      </Group>
      <Text size="xs" c="dimmed">
        {explanation}
      </Text>
    </div>
  );
}

function formatMonths(months: number): string {
  return `${months.toFixed(1)} months`;
}

function DerivedDetails({ results }: { readonly results: DerivedPatient }) {
  const { bestResponse, progression, endpoints, response } = results;
  return (
    <Stack gap="sm">
      <Text size="xs" c="dimmed">
        Criteria {results.settings.criteria}, CTCAE {results.settings.ctcaeVersion}; index therapy{' '}
        {results.indexTherapy.regimen} from {results.indexTherapy.startDate}.
      </Text>
      <Explained
        title="Best response"
        value={
          bestResponse === null
            ? 'not evaluable'
            : `${bestResponse.category}${bestResponse.date === null ? '' : ` on ${bestResponse.date}`}`
        }
        explanation={bestResponse?.reason ?? 'No response could be evaluated yet.'}
      />
      <Explained
        title="Progression"
        value={progression === null ? 'none' : `${progression.date} (confirmed ${progression.confirmedOn})`}
        explanation={progression?.reason ?? 'No progression derived from the data so far.'}
      />
      <Explained
        title="PFS"
        value={`${formatMonths(endpoints.pfs.months)}${endpoints.pfs.event ? ' (event)' : ' (censored)'}`}
        explanation={endpoints.pfs.explanation.text}
      />
      <Explained
        title="OS"
        value={`${formatMonths(endpoints.os.months)}${endpoints.os.event ? ' (death)' : ' (censored)'}`}
        explanation={endpoints.os.explanation.text}
      />
      <div>
        <Title order={4} size="h6">
          Time-point responses
        </Title>
        {response.timepoints.length === 0 ? (
          <Text size="sm" c="dimmed">
            None yet.
          </Text>
        ) : (
          <Table fz="xs" aria-label="Time-point responses" verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Date</Table.Th>
                <Table.Th scope="col">Response</Table.Th>
                <Table.Th scope="col">Why</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {response.timepoints.map((point) => (
                <Table.Tr key={`${point.date}-${point.category}`}>
                  <Table.Td>{point.date}</Table.Td>
                  <Table.Td>
                    {point.category}
                    {point.confirmed ? ` (confirmed${point.confirmedOn === null ? '' : ` ${point.confirmedOn}`})` : ''}
                  </Table.Td>
                  <Table.Td>{point.reason}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </div>
      {results.doseIntensity.length > 0 && (
        <div>
          <Title order={4} size="h6">
            Protocol and dose findings
          </Title>
          <List size="xs" spacing={4}>
            {results.doseIntensity.map((finding) => (
              <List.Item key={finding.courseId}>
                <strong>{finding.regimen}:</strong>{' '}
                {finding.status === 'computed' ? finding.explanation.text : `not computed — ${finding.reason}`}
              </List.Item>
            ))}
          </List>
        </div>
      )}
      {[...results.notes, ...response.warnings].length > 0 && (
        <Alert color="yellow" title="Notes" p="xs">
          <List size="xs">
            {[...results.notes, ...response.warnings].map((note) => (
              <List.Item key={note}>{note}</List.Item>
            ))}
          </List>
        </Alert>
      )}
    </Stack>
  );
}

export function DerivedPanel({ patientId }: { readonly patientId: number }) {
  const derived = useDerived(patientId);
  return (
    <Card withBorder component="section" aria-labelledby="derived-heading" padding="md">
      <Title order={3} size="h4" id="derived-heading" mb="xs">
        Derived results
      </Title>
      {derived.isPending && <PageLoader />}
      {derived.isError && <Alert color="red">{describeError(derived.error)}</Alert>}
      {derived.isSuccess &&
        (derived.data.results.status === 'derived' ? (
          <DerivedDetails results={derived.data.results} />
        ) : (
          <Text size="sm">Nothing derived yet: {derived.data.results.reason}</Text>
        ))}
      {derived.isFetching && !derived.isPending && (
        <Text size="xs" c="dimmed" aria-live="polite">
          Updating…
        </Text>
      )}
    </Card>
  );
}
