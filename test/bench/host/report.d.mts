// Types of report.mjs, for the spec that tests the instrument.
export declare function median(xs: Array<number | undefined>): number | undefined;
export declare function medians<T extends Record<string, unknown>>(runs: T[]): Record<string, number | undefined>;
export declare function ratio(a: number | undefined, b: number | undefined): string;
