/**
 * The save sequence every registry form follows: ask for a reason when the stored form is complete
 * (or when the server says one is needed), show field errors from the server on their fields, and
 * turn a stale-version 409 into a conflict the page shows with both versions.
 */
import { useState } from 'react';
import { ApiRequestError, describeError, fieldErrorsOf } from '../../api/api-error.ts';
import { isConflictError } from '../../api/conflict-error.ts';

export interface SaveFlowOptions<TValues, TRecord> {
  /** The form as stored is `complete`: a change needs a reason. */
  readonly isStoredComplete: boolean;
  readonly save: (values: TValues, reason: string | undefined) => Promise<TRecord>;
  readonly onSaved: (record: TRecord) => void;
  readonly setFieldErrors: (errors: Record<string, string>) => void;
}

export interface SaveConflict<TRecord> {
  readonly server: TRecord;
}

export function useSaveFlow<TValues, TRecord>(options: SaveFlowOptions<TValues, TRecord>) {
  const [awaitingReason, setAwaitingReason] = useState<{ values: TValues } | null>(null);
  const [conflict, setConflict] = useState<SaveConflict<TRecord> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isSaving, setIsSaving] = useState(false);

  const run = async (values: TValues, reason: string | undefined) => {
    setIsSaving(true);
    setError(null);
    try {
      const record = await options.save(values, reason);
      setConflict(null);
      options.onSaved(record);
    } catch (caught) {
      if (isConflictError(caught)) {
        setConflict({ server: caught.server as TRecord });
      } else if (caught instanceof ApiRequestError && caught.code === 'reason-required') {
        setAwaitingReason({ values });
      } else {
        const fieldErrors = fieldErrorsOf(caught);
        options.setFieldErrors(fieldErrors);
        setError(describeError(caught));
      }
    } finally {
      setIsSaving(false);
    }
  };

  return {
    /** Call with validated values (form.onSubmit). */
    submit: (values: TValues) => {
      if (options.isStoredComplete) setAwaitingReason({ values });
      else void run(values, undefined);
    },
    reasonModal: {
      isOpen: awaitingReason !== null,
      onConfirm: (reason: string) => {
        const pending = awaitingReason;
        setAwaitingReason(null);
        if (pending !== null) void run(pending.values, reason);
      },
      onCancel: () => setAwaitingReason(null),
    },
    conflict,
    clearConflict: () => setConflict(null),
    error,
    isSaving,
  };
}
