/** One patient: timeline, baseline and the repeating forms in tabs, and the derived results beside them. */
import { Alert, Anchor, Badge, Grid, Group, Stack, Tabs, Text, Title } from '@mantine/core';
import type { ChildRecord } from '@mmreg/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { describeError } from '../../api/api-error.ts';
import { updatePatient } from '../../api/patients-api.ts';
import { queryKeys } from '../../api/query-keys.ts';
import { useCenters, useChildren, useDerived, usePatient } from '../../api/use-registry-queries.ts';
import { useAuth } from '../../app/auth-context.ts';
import { formStatusColour, formStatusLabel } from '../../components/forms/form-status-options.ts';
import { PageLoader } from '../../components/PageLoader.tsx';
import { PatientForm } from '../patients/PatientForm.tsx';
import { patientValuesOf, toPatientUpdate } from '../patients/patient-form-values.ts';
import { ChildRecordsSection } from './ChildRecordsSection.tsx';
import { DerivedPanel } from './DerivedPanel.tsx';
import { administrationsConfig } from './forms/administrations-config.tsx';
import { adverseEventsConfig } from './forms/adverse-events-config.tsx';
import { assessmentsConfig } from './forms/assessments-config.tsx';
import { coursesConfig } from './forms/courses-config.tsx';
import { followUpConfig } from './forms/follow-up-config.tsx';
import { priorTherapiesConfig } from './forms/prior-therapies-config.tsx';
import { LabGradeSuggestions } from './LabGradeSuggestions.tsx';
import { LabGrid } from './LabGrid.tsx';
import { PatientTimeline } from './PatientTimeline.tsx';

const noCourses: readonly ChildRecord<'courses'>[] = [];

export function PatientRecordPage() {
  const patientId = Number(useParams()['patientId']);
  const { studyId } = useAuth();
  const client = useQueryClient();
  const patient = usePatient(patientId);
  const centers = useCenters(studyId);
  const courses = useChildren(patientId, 'courses');
  const assessments = useChildren(patientId, 'assessments');
  const followUp = useChildren(patientId, 'follow-up');
  const derived = useDerived(patientId);

  if (!Number.isInteger(patientId) || patientId <= 0) return <Alert color="red">Not a patient address.</Alert>;
  if (patient.isPending) return <PageLoader />;
  if (patient.isError) {
    return (
      <Alert color="red" title="Patient not available">
        {describeError(patient.error)}{' '}
        <Anchor component={Link} to="/patients">
          Back to the patient list
        </Anchor>
      </Alert>
    );
  }
  const record = patient.data;
  const centre = centers.data?.find((center) => center.id === record.centerId);
  const canWrite = centre?.canWrite ?? false;
  const courseList = courses.data ?? noCourses;

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <div>
          <Anchor component={Link} to="/patients" size="sm">
            ← Patients
          </Anchor>
          <Title order={2}>Patient {record.code}</Title>
          <Text size="sm" c="dimmed">
            {centre?.name ?? `centre ${record.centerId}`} · diagnosed {record.diagnosisDate} ·{' '}
            {record.priorMyelomaDiagnosisDate === null ? 'primary PCL' : 'secondary PCL'}
          </Text>
        </div>
        <Badge color={formStatusColour(record.formStatus)} variant="light">
          Enrolment form: {formStatusLabel(record.formStatus)}
        </Badge>
      </Group>

      <section aria-label="Timeline">
        <PatientTimeline
          patient={record}
          courses={courseList}
          assessments={assessments.data ?? []}
          followUp={followUp.data ?? []}
          derived={derived.data?.results}
        />
      </section>

      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Tabs defaultValue="baseline" keepMounted={false}>
            <Tabs.List>
              <Tabs.Tab value="baseline">Baseline</Tabs.Tab>
              <Tabs.Tab value="prior">Prior lines</Tabs.Tab>
              <Tabs.Tab value="courses">Courses</Tabs.Tab>
              <Tabs.Tab value="labs">Labs</Tabs.Tab>
              <Tabs.Tab value="adverse-events">Adverse events</Tabs.Tab>
              <Tabs.Tab value="follow-up">Follow-up</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="baseline" pt="md">
              <PatientForm
                key={record.id}
                initialValues={patientValuesOf(record)}
                record={record}
                centers={centers.data ?? []}
                isReadOnly={!canWrite}
                save={(values, base, reason) =>
                  updatePatient(record.id, toPatientUpdate(values, (base ?? record).version, reason))
                }
                onSaved={(saved) => {
                  client.setQueryData(queryKeys.patient(record.id), saved);
                  void client.invalidateQueries({ queryKey: queryKeys.patient(record.id) });
                  void client.invalidateQueries({ queryKey: queryKeys.patients });
                  void client.invalidateQueries({ queryKey: ['analysis'] });
                }}
              />
            </Tabs.Panel>
            <Tabs.Panel value="prior" pt="md">
              <ChildRecordsSection patientId={patientId} config={priorTherapiesConfig} canWrite={canWrite} />
            </Tabs.Panel>
            <Tabs.Panel value="courses" pt="md">
              <Stack gap="xl">
                <ChildRecordsSection patientId={patientId} config={coursesConfig} canWrite={canWrite} />
                {courseList.length > 0 && (
                  <ChildRecordsSection
                    patientId={patientId}
                    config={administrationsConfig(courseList)}
                    canWrite={canWrite}
                  />
                )}
              </Stack>
            </Tabs.Panel>
            <Tabs.Panel value="labs" pt="md">
              <ChildRecordsSection
                patientId={patientId}
                config={assessmentsConfig}
                canWrite={canWrite}
                renderGrid={(records, actions) => (
                  <LabGrid
                    records={records}
                    canWrite={canWrite}
                    onEdit={actions.startEditing}
                    onAdd={(prefill) =>
                      actions.startAdding({ ...assessmentsConfig.emptyValues(), ...prefill, value: null, result: null })
                    }
                  />
                )}
              />
            </Tabs.Panel>
            <Tabs.Panel value="adverse-events" pt="md">
              <ChildRecordsSection
                patientId={patientId}
                config={adverseEventsConfig(courseList)}
                canWrite={canWrite}
                renderExtra={(recorded, startAdding) => (
                  <LabGradeSuggestions
                    patientId={patientId}
                    recorded={recorded}
                    canWrite={canWrite}
                    onPropose={startAdding}
                  />
                )}
              />
            </Tabs.Panel>
            <Tabs.Panel value="follow-up" pt="md">
              <ChildRecordsSection patientId={patientId} config={followUpConfig} canWrite={canWrite} />
            </Tabs.Panel>
          </Tabs>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <DerivedPanel patientId={patientId} />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
