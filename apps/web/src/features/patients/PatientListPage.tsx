/** The patients in the user's scope: search by code, filter by centre (coordinators), form status at a glance. */
import { Alert, Anchor, Badge, Button, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDeferredValue, useState } from 'react';
import { Link } from 'react-router';
import { describeError } from '../../api/api-error.ts';
import { useCenters, usePatients } from '../../api/use-registry-queries.ts';
import { useAuth } from '../../app/auth-context.ts';
import { formStatusColour, formStatusLabel } from '../../components/forms/form-status-options.ts';
import { PageLoader } from '../../components/PageLoader.tsx';

export function PatientListPage() {
  const { role, studyId } = useAuth();
  const isCoordinator = role === 'coordinator';
  const [search, setSearch] = useState('');
  const [centerId, setCenterId] = useState<number | null>(null);
  const deferredSearch = useDeferredValue(search.trim().toLowerCase());
  const centers = useCenters(studyId);
  const patients = usePatients(centerId);
  const centreName = new Map((centers.data ?? []).map((center) => [center.id, center.name]));
  const canRegister = (centers.data ?? []).some((center) => center.canWrite);
  const shown = (patients.data ?? []).filter((patient) => patient.code.toLowerCase().includes(deferredSearch));

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
      </Group>
      {patients.isPending && <PageLoader />}
      {patients.isError && <Alert color="red">{describeError(patients.error)}</Alert>}
      {patients.isSuccess && (
        <>
          <Text size="sm" c="dimmed" aria-live="polite">
            {shown.length} of {patients.data.length} patients
          </Text>
          <Table.ScrollContainer minWidth={640}>
            <Table striped highlightOnHover aria-label="Patients">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Code</Table.Th>
                  <Table.Th scope="col">Centre</Table.Th>
                  <Table.Th scope="col">Sex</Table.Th>
                  <Table.Th scope="col">Birth year</Table.Th>
                  <Table.Th scope="col">Diagnosis</Table.Th>
                  <Table.Th scope="col">Type</Table.Th>
                  <Table.Th scope="col">Enrolment form</Table.Th>
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
                      <Badge color={formStatusColour(patient.formStatus)} variant="light">
                        {formStatusLabel(patient.formStatus)}
                      </Badge>
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
