/** Types of test-postgres.mjs (plain JavaScript, because `npm test` runs it before any TypeScript loader). */
export interface TestPostgres {
  readonly url: string;
  readonly port: number;
  /** Stops the server and removes its data directory; safe to call twice. */
  stop(): void;
}

export function startTestPostgres(log?: (line: string) => void): Promise<TestPostgres>;
