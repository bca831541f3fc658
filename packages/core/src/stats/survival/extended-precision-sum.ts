/**
 * Compensated (two-sum) accumulation standing in for R's long-double sums (`sum`, `cumsum`,
 * `rowSums` accumulate in 80-bit LDOUBLE on x86-64). The running value rounds to the same double as
 * R's except in rare double-rounding cases; a plain double sum can differ in the last bits.
 */
export class ExtendedPrecisionSum {
  private high = 0;
  private low = 0;

  add(value: number): void {
    const sum = this.high + value;
    const back = sum - this.high;
    this.low += this.high - (sum - back) + (value - back);
    this.high = sum;
  }

  /** The accumulated sum, rounded to a double. */
  value(): number {
    // Once an infinite term has entered, the compensation is NaN and the sum is the infinity itself.
    return Number.isFinite(this.high) ? this.high + this.low : this.high;
  }
}
