/** The login page: small on purpose (its chunk and the shell are all a visitor downloads first). */
import { Center, Paper, Stack, Text, Title } from '@mantine/core';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { useAuth } from '../../app/auth-context.ts';
import { LoginForm } from './LoginForm.tsx';

/** Only same-app paths are followed after login (never another origin). */
function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function LoginPage() {
  const { session, signIn } = useAuth();
  const navigate = useNavigate();
  const [parameters] = useSearchParams();
  const next = safeNext(parameters.get('next'));
  if (session !== undefined && session !== null) return <Navigate to={next} replace />;
  return (
    <Center mih="100vh" p="md" component="main">
      <Paper withBorder shadow="sm" p="xl" w="100%" maw={380}>
        <Stack gap="md">
          <div>
            <Title order={1} size="h3">
              mmreg registry
            </Title>
            <Text size="sm" c="dimmed">
              Multiple myeloma and plasma cell leukaemia outcomes
            </Text>
          </div>
          <LoginForm
            onSubmit={async (input) => {
              await signIn(input);
              navigate(next, { replace: true });
            }}
          />
        </Stack>
      </Paper>
    </Center>
  );
}
