/** Registers a patient at one of the user's centres, then opens the record. */
import { Alert, Stack, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { createPatient } from '../../api/patients-api.ts';
import { queryKeys } from '../../api/query-keys.ts';
import { useCenters } from '../../api/use-registry-queries.ts';
import { useAuth } from '../../app/auth-context.ts';
import { PageLoader } from '../../components/PageLoader.tsx';
import { afterSaveState } from '../../components/UnsavedChangesGuard.tsx';
import { PatientForm } from './PatientForm.tsx';
import { emptyPatientValues, toPatientCreate } from './patient-form-values.ts';

export function NewPatientPage() {
  const { studyId } = useAuth();
  const centers = useCenters(studyId);
  const navigate = useNavigate();
  const client = useQueryClient();
  if (centers.isPending) return <PageLoader />;
  const writable = (centers.data ?? []).filter((center) => center.canWrite);
  if (writable.length === 0) {
    return <Alert color="gray">You cannot register patients at any centre.</Alert>;
  }
  return (
    <Stack gap="md" maw={1100}>
      <Title order={2}>New patient</Title>
      <PatientForm
        initialValues={emptyPatientValues(writable.length === 1 ? (writable[0]?.id ?? null) : null)}
        centers={writable}
        save={(values, _base, reason) =>
          createPatient({ ...toPatientCreate(values), ...(reason === undefined ? {} : { reason }) })
        }
        onSaved={(patient) => {
          void client.invalidateQueries({ queryKey: queryKeys.patients });
          void client.invalidateQueries({ queryKey: ['analysis'] });
          navigate(`/patients/${patient.id}`, { state: afterSaveState });
        }}
      />
    </Stack>
  );
}
