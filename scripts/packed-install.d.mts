export declare const repoRoot: string;
export interface Ran {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}
export declare function userEnv(extra?: Record<string, string>): NodeJS.ProcessEnv;
export declare function run(command: string, args: string[], options?: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<Ran>;
export declare function describeRun(what: string, result: Ran): string;
export declare function lockedSpec(name: string): string;
export declare function assertNoNodeModulesAbove(folder: string): void;
export declare function packTarball(workDir: string): Promise<{ tarball: string; files: string[] }>;
export declare function installProject(folder: string, specs: string[]): Promise<Ran>;
