/** Warns before leaving a form with unsaved changes: in-app navigation (useBlocker) and closing the tab (beforeunload). */
import { Button, Group, Modal, Text } from '@mantine/core';
import { useEffect } from 'react';
import { useBlocker } from 'react-router';

/** Navigation state that says "the form was just saved": the guard lets it through. */
export const afterSaveState = { isAfterSave: true } as const;

function isAfterSave(state: unknown): boolean {
  return typeof state === 'object' && state !== null && 'isAfterSave' in state && state.isAfterSave === true;
}

export function UnsavedChangesGuard({ isDirty }: { readonly isDirty: boolean }) {
  // A save that navigates away can run before the form re-renders clean; it marks its navigation instead.
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      isDirty && currentLocation.pathname !== nextLocation.pathname && !isAfterSave(nextLocation.state),
  );

  useEffect(() => {
    if (!isDirty) return undefined;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [isDirty]);

  return (
    <Modal
      opened={blocker.state === 'blocked'}
      onClose={() => blocker.reset?.()}
      title="Leave without saving?"
      centered
    >
      <Text size="sm">You have changes that are not saved. They will be lost if you leave this page.</Text>
      <Group justify="flex-end" mt="md">
        <Button variant="default" onClick={() => blocker.reset?.()}>
          Stay on this page
        </Button>
        <Button color="red" onClick={() => blocker.proceed?.()}>
          Leave and discard
        </Button>
      </Group>
    </Modal>
  );
}
