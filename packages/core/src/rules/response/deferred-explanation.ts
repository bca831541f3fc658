/**
 * An `Explanation` whose text is rendered on first read: the response engine derives millions of
 * values per second, and turning numbers into text costs more than deriving them. The rule, the
 * version and the checks are fixed at construction; `toJSON` renders everything, so serialised
 * results always carry the text. Spreading (`{ ...explanation }`) copies only the own fields — read
 * `text` or serialise instead.
 */
import type { Explanation, ThresholdCheck } from '../rule.ts';

export class DeferredExplanation implements Explanation {
  readonly ruleId: string;
  readonly ruleVersion: string;
  readonly checks: readonly ThresholdCheck[];
  readonly #render: () => string;
  #text: string | null = null;

  constructor(
    rule: { readonly id: string; readonly version: string },
    checks: readonly ThresholdCheck[],
    render: () => string,
  ) {
    this.ruleId = rule.id;
    this.ruleVersion = rule.version;
    this.checks = checks;
    this.#render = render;
  }

  get text(): string {
    this.#text ??= this.#render();
    return this.#text;
  }

  toJSON(): Explanation {
    return { ruleId: this.ruleId, ruleVersion: this.ruleVersion, checks: this.checks, text: this.text };
  }
}
