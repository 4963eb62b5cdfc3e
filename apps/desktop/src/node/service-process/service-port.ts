/**
 * The one channel between a host and a service process. Node's `child_process` IPC and Electron's
 * `MessagePortMain` both fit behind it; messages are structured-cloneable values, never bulk data.
 */
export interface ServicePort {
  postMessage(message: unknown): void;
  /** Returns a function that removes the listener. */
  onMessage(listener: (message: unknown) => void): () => void;
  /** Called once when the other end goes away (process exit, port closed). */
  onClose(listener: () => void): () => void;
  close(): void;
}

export type ExitInfo = { code: number | null; signal: NodeJS.Signals | null };

/** A started service process as the host sees it, whichever API started it. */
export interface ServiceProcess {
  readonly pid: number | undefined;
  readonly port: ServicePort;
  /** Lines the process wrote to stdout/stderr (its logs and crash traces). */
  onOutput(listener: (line: string, stream: 'stdout' | 'stderr') => void): void;
  onExit(listener: (exit: ExitInfo) => void): void;
  kill(signal: 'SIGTERM' | 'SIGKILL'): void;
}

export interface LaunchOptions {
  /** Service name, for the process title and logs. */
  name: string;
  args?: readonly string[];
  env?: Record<string, string | undefined>;
}

/** Starts a service entry file: `child_process.fork` in the CLI and tests, `utilityProcess` in Electron. */
export type ServiceLauncher = (entry: string, options: LaunchOptions) => ServiceProcess;
