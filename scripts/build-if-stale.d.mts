// The types of build-if-stale.mjs, for the TypeScript that imports it (tests, scripts/cluster.ts).
export declare const SERVER_DIST: string;
export declare const SERVER_ENTRY: string;
export declare function buildIfStale(): void;
export declare function serverIsStale(): boolean;
export declare function buildServer(): void;
export declare function buildServerIfStale(): void;
