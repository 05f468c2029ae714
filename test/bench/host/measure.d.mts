// Types of measure.mjs, for the spec that tests the instrument (test/browser/host-bench.spec.ts).
import type { Browser } from '@playwright/test';

export declare const EMULATED_NETWORK: { offline: boolean; latency: number; downloadThroughput: number; uploadThroughput: number };
export declare const SHOW_TIMEOUT_MS: number;
export declare class NeverShown extends Error {
  constructor(label: string, condition: string, timeoutMs: number, cause: string);
}

export interface Visit {
  askToVisible: number;
  navToVisible: number;
  sdkRan: number;
  requests: number;
  bytes: number;
  requestsTotal: number;
  bytesTotal: number;
  fromNetwork: number;
  afterSdk: number;
  afterSdkSequential: number;
  afterSdkUrls: string[];
  urls: string[];
  taskMs: number;
  scriptMs: number;
  longestTaskMs: number | undefined;
  longestTaskPageMs: number | undefined;
  longTasks: Array<[number, number]>;
  heapKB: number;
  cls: number;
}

export interface VisitOptions {
  url: string;
  label: string;
  question: string;
  cpu: number;
  network: boolean;
  trace?: boolean;
  settleMs?: number;
  screenshot?: string;
  timeoutMs?: number;
}

export declare function visit(browser: Browser, o: VisitOptions & { repeatVisit?: false }): Promise<Visit>;
export declare function visit(browser: Browser, o: VisitOptions & { repeatVisit: true }): Promise<{ first: Visit; second: Visit }>;
export declare function sequentialRoundTrips(requests: Array<{ start: number; end?: number }>): number;
