/** The app shell: header (user, role, centre, sign out) and navigation by role around the page. */
import { AppShell, Badge, Burger, Button, Group, NavLink, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Suspense } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { useCenters } from '../api/use-registry-queries.ts';
import { PageLoader } from '../components/PageLoader.tsx';
import { useAuth } from './auth-context.ts';

interface NavigationItem {
  readonly to: string;
  readonly label: string;
}

function navigationFor(isCoordinator: boolean): NavigationItem[] {
  return isCoordinator
    ? [
        { to: '/dashboard', label: 'Dashboard' },
        { to: '/patients', label: 'Patients (all centres)' },
        { to: '/audit', label: 'Audit trail' },
      ]
    : [{ to: '/patients', label: 'Patients of my centre' }];
}

const roleLabels: Record<string, string> = {
  coordinator: 'Coordinator',
  investigator: 'Investigator',
  data_manager: 'Data manager',
  monitor: 'Monitor',
};

export function AppLayout() {
  const { session, role, studyId, centerIds, signOut } = useAuth();
  const [isOpen, { toggle, close }] = useDisclosure(false);
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const centers = useCenters(studyId);
  const centreText =
    centerIds === null
      ? 'All centres'
      : (centers.data ?? [])
          .filter((center) => centerIds.includes(center.id))
          .map((center) => center.name)
          .join(', ');

  const handleSignOut = async () => {
    await signOut();
    navigate('/login', { replace: true });
  };

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 220, breakpoint: 'md', collapsed: { mobile: !isOpen } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={isOpen} onClick={toggle} hiddenFrom="md" size="sm" aria-label="Toggle navigation" />
            <Title order={1} size="h4">
              mmreg
            </Title>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <Text size="sm" fw={500} truncate="end" maw={200}>
              {session?.user.displayName}
            </Text>
            {role !== null && <Badge variant="light">{roleLabels[role] ?? role}</Badge>}
            <Text size="sm" c="dimmed" visibleFrom="md" truncate="end" maw={260}>
              {centreText}
            </Text>
            <Button variant="default" size="xs" onClick={handleSignOut}>
              Sign out
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Main navigation">
        {navigationFor(role === 'coordinator').map((item) => (
          <NavLink
            key={item.to}
            component={Link}
            to={item.to}
            label={item.label}
            active={pathname === item.to || pathname.startsWith(`${item.to}/`)}
            aria-current={pathname === item.to ? 'page' : undefined}
            onClick={close}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>
        <Suspense fallback={<PageLoader />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
