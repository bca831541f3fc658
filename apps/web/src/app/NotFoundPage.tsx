import { Button, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';

export function NotFoundPage() {
  return (
    <Stack gap="sm">
      <Title order={2}>Page not found</Title>
      <Text>There is nothing at this address.</Text>
      <Button component={Link} to="/patients" w="fit-content">
        Go to patients
      </Button>
    </Stack>
  );
}
