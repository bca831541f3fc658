import { loginSchema } from '@mmreg/contracts';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ApiRequestError } from '../../api/api-error.ts';
import { renderWithProviders } from '../../test/render-with-providers.tsx';
import { LoginForm } from './LoginForm.tsx';

function zodMessage(field: 'username' | 'password'): string {
  const result = loginSchema.safeParse({ username: '', password: '' });
  const issue = result.error?.issues.find((candidate) => candidate.path[0] === field);
  if (issue === undefined) throw new Error(`loginSchema accepted an empty ${field}`);
  return issue.message;
}

describe('LoginForm', () => {
  it('shows the login schema errors on both fields when submitted empty, without calling the API', async () => {
    const onSubmit = vi.fn(async () => undefined);
    renderWithProviders(<LoginForm onSubmit={onSubmit} />);
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    const username = await screen.findByLabelText(/Username/);
    await waitFor(() => expect(username.getAttribute('aria-invalid')).toBe('true'));
    // The field's error is the schema's own message, linked to the input for screen readers.
    const describedBy = username.getAttribute('aria-describedby') ?? '';
    expect(document.getElementById(describedBy.split(' ').find((id) => id.endsWith('error')) ?? '')?.textContent).toBe(
      zodMessage('username'),
    );
    const messages = [zodMessage('username'), zodMessage('password')];
    expect(screen.getAllByText((text) => messages.includes(text))).toHaveLength(2);
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('says the credentials are wrong when the server answers 401', async () => {
    const onSubmit = vi.fn(async () => {
      throw new ApiRequestError(401, 'unauthenticated', 'wrong username or password');
    });
    renderWithProviders(<LoginForm onSubmit={onSubmit} />);
    fireEvent.change(screen.getByLabelText(/Username/), { target: { value: 'investigator-a' } });
    fireEvent.change(screen.getByLabelText(/Password/), { target: { value: 'not-the-password' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveProperty('textContent', 'Wrong username or password.');
    expect(onSubmit).toHaveBeenCalledWith({ username: 'investigator-a', password: 'not-the-password' });
  });

  it('explains throttling when the server answers 429', async () => {
    const onSubmit = vi.fn(async () => {
      throw new ApiRequestError(429, 'too-many-requests', 'too many failed logins');
    });
    renderWithProviders(<LoginForm onSubmit={onSubmit} />);
    fireEvent.change(screen.getByLabelText(/Username/), { target: { value: 'a' } });
    fireEvent.change(screen.getByLabelText(/Password/), { target: { value: 'b' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/Too many attempts/);
  });
});
