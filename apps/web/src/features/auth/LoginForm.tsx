/** Username and password, validated with the API's own `loginSchema`; server refusals show on the form. */
import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { type LoginInput, loginSchema } from '@mmreg/contracts';
import { useState } from 'react';
import { ApiRequestError, describeError } from '../../api/api-error.ts';

export interface LoginFormProps {
  readonly onSubmit: (input: LoginInput) => Promise<unknown>;
}

export function LoginForm({ onSubmit }: LoginFormProps) {
  const form = useForm<LoginInput>({
    mode: 'controlled',
    initialValues: { username: '', password: '' },
    validate: schemaResolver(loginSchema, { sync: true }),
  });
  const [error, setError] = useState<string | null>(null);
  const [isSubmitting, setIsSubmitting] = useState(false);

  const submit = async (values: LoginInput) => {
    setError(null);
    setIsSubmitting(true);
    try {
      await onSubmit(values);
    } catch (caught) {
      if (caught instanceof ApiRequestError && caught.status === 401) {
        setError('Wrong username or password.');
        form.setFieldError('password', 'Check the password');
      } else {
        setError(describeError(caught));
      }
    } finally {
      setIsSubmitting(false);
    }
  };

  return (
    <form onSubmit={form.onSubmit(submit)} noValidate aria-label="Sign in">
      <Stack gap="sm">
        {error !== null && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <TextInput
          label="Username"
          autoComplete="username"
          required
          key={form.key('username')}
          {...form.getInputProps('username')}
        />
        <PasswordInput
          label="Password"
          autoComplete="current-password"
          required
          key={form.key('password')}
          {...form.getInputProps('password')}
        />
        <Button type="submit" loading={isSubmitting}>
          Sign in
        </Button>
      </Stack>
    </form>
  );
}
