/** Renders a component inside the app's providers (Mantine, react-query, a memory router) for tests. */
import { MantineProvider } from '@mantine/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { createQueryClient } from '../app/App.tsx';
import { theme } from '../app/theme.ts';

export function renderWithProviders(element: ReactNode) {
  const client = createQueryClient();
  // A data router, so components using useBlocker (unsaved-changes guard) work as in the app.
  const router = createMemoryRouter([{ path: '*', element }], { initialEntries: ['/'] });
  const result = render(
    <MantineProvider theme={theme}>
      <QueryClientProvider client={client}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>,
  );
  return { ...result, client, router };
}
