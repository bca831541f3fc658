/**
 * The patients in the user's scope: search by code, filter by centre (coordinators) and by completeness,
 * and each patient's forms at a glance — n of m expected forms complete, and which are still to do.
 */
import { Alert, Anchor, Button, Checkbox, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDeferredValue, useState } from 'react';
import { Link } from 'react-router';
import { describeError } from '../../api/api-error.ts';
import { useCenters, usePatients } from '../../api/use-registry-queries.ts';
import { useAuth } from '../../app/auth-context.ts';
import { PageLoader } from '../../components/PageLoader.tsx';
import { CompletenessCell } from './CompletenessCell.tsx';
import { isPatientComplete } from './completeness-text.ts';

export function PatientListPage() {
  const { role, studyId } = useAuth();
  const isCoordinator = role === 'coordinator';
  const [search, setSearch] = useState('');
  const [centerId, setCenterId] = useState<number | null>(null);
  const [onlyOpen, setOnlyOpen] = useState(false);
  const deferredSearch = useDeferredValue(search.trim().toLowerCase());
  const centers = useCenters(studyId);
  const patients = usePatients(centerId);
  const centreName = new Map((centers.data ?? []).map((center) => [center.id, center.name]));
  const canRegister = (centers.data ?? []).some((center) => center.canWrite);
  const shown = (patients.data ?? []).filter(
    (patient) =>
      patient.code.toLowerCase().includes(deferredSearch) && (!onlyOpen || !isPatientComplete(patient.completeness)),
  );

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={2}>{isCoordinator ? 'Patients (all centres)' : 'Patients of my centre'}</Title>
        {canRegister && (
          <Button component={Link} to="/patients/new">
            New patient
          </Button>
        )}
      </Group>
      <Group align="flex-end">
        <TextInput
          label="Search by patient code"
          placeholder="e.g. P03"
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          w={260}
        />
        {isCoordinator && (
          <Select
            label="Centre"
            placeholder="All centres"
            clearable
            data={(centers.data ?? []).map((center) => ({ value: String(center.id), label: center.name }))}
            value={centerId === null ? null : String(centerId)}
            onChange={(value) => setCenterId(value === null ? null : Number(value))}
            w={260}
          />
        )}
        <Checkbox
          label="Only patients with forms to complete"
          checked={onlyOpen}
          onChange={(event) => setOnlyOpen(event.currentTarget.checked)}
          mb={8}
        />
      </Group>
      {patients.isPending && <PageLoader />}
      {patients.isError && <Alert color="red">{describeError(patients.error)}</Alert>}
      {patients.isSuccess && (
        <>
          <Text size="sm" c="dimmed" aria-live="polite">
            {shown.length} of {patients.data.length} patients
          </Text>
          <Table.ScrollContainer minWidth={760}>
            <Table striped highlightOnHover aria-label="Patients">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Code</Table.Th>
                  <Table.Th scope="col">Centre</Table.Th>
                  <Table.Th scope="col">Sex</Table.Th>
                  <Table.Th scope="col">Birth year</Table.Th>
                  <Table.Th scope="col">Diagnosis</Table.Th>
                  <Table.Th scope="col">Type</Table.Th>
                  <Table.Th scope="col">Forms</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {shown.map((patient) => (
                  <Table.Tr key={patient.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/patients/${patient.id}`}>
                        {patient.code}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{centreName.get(patient.centerId) ?? patient.centerId}</Table.Td>
                    <Table.Td>{patient.sex}</Table.Td>
                    <Table.Td>{patient.birthYear}</Table.Td>
                    <Table.Td>{patient.diagnosisDate}</Table.Td>
                    <Table.Td>{patient.priorMyelomaDiagnosisDate === null ? 'primary PCL' : 'secondary PCL'}</Table.Td>
                    <Table.Td>
                      <CompletenessCell completeness={patient.completeness} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {shown.length === 0 && <Text c="dimmed">No patient matches.</Text>}
        </>
      )}
    </Stack>
  );
}
