/** Nominal typing for scalars: a `Brand<string, 'PatientId'>` is not assignable from a plain string. */
declare const brand: unique symbol;
export type Brand<TValue, TName extends string> = TValue & { readonly [brand]: TName };
