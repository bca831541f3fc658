/** Asks why a completed form is being changed (the audit trail keeps the reason). */
import { Button, Group, Modal, Text, Textarea } from '@mantine/core';
import { useState } from 'react';

export interface ReasonModalProps {
  readonly isOpen: boolean;
  /** e.g. "Save changes" or "Delete record". */
  readonly action: string;
  readonly onConfirm: (reason: string) => void;
  readonly onCancel: () => void;
}

export function ReasonModal({ isOpen, action, onConfirm, onCancel }: ReasonModalProps) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const confirm = () => {
    const trimmed = reason.trim();
    if (trimmed === '') {
      setError('Give a reason for changing a completed form');
      return;
    }
    setReason('');
    setError(null);
    onConfirm(trimmed);
  };
  return (
    <Modal opened={isOpen} onClose={onCancel} title="Reason for the change" centered>
      <Text size="sm" mb="sm">
        This form is marked complete. Changes to it are kept in the audit trail with a reason.
      </Text>
      <Textarea
        label="Reason"
        required
        autosize
        minRows={2}
        maxLength={500}
        value={reason}
        error={error}
        onChange={(event) => setReason(event.currentTarget.value)}
        data-autofocus
      />
      <Group justify="flex-end" mt="md">
        <Button variant="default" onClick={onCancel}>
          Cancel
        </Button>
        <Button onClick={confirm}>{action}</Button>
      </Group>
    </Modal>
  );
}
