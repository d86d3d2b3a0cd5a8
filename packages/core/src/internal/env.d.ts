// Core compiles without DOM or Node typings so that it stays environment-free. These few globals exist in
// every runtime casekit supports (browsers, Node >= 20, workers) and are declared here by hand.
declare function structuredClone<T>(value: T): T;
declare function queueMicrotask(callback: () => void): void;
declare function setTimeout(callback: () => void, ms?: number): unknown;
declare const crypto: { randomUUID?: () => string; getRandomValues<T extends ArrayBufferView>(array: T): T } | undefined;
declare const console: { warn(...args: unknown[]): void; error(...args: unknown[]): void };
