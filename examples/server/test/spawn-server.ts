import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The built reference server, as `pnpm start` runs it. */
export const SERVER_MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));

/** A reference server running as a child process. */
export interface SpawnedServer {
  child: ChildProcess;
  /** The URL it printed when ready. */
  url: string;
  /** Everything it wrote to stdout and stderr so far. */
  output: () => string;
}

/**
 * Starts the built reference server with `env` over the test's environment and
 * resolves once it prints its URL; rejects with its output if it exits first.
 */
export function startServer(env: Record<string, string>): Promise<SpawnedServer> {
  const child = spawn(process.execPath, [SERVER_MAIN], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1]) resolve({ child, url: match[1], output: () => output });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code, signal) => reject(new Error(`server exited (${code ?? signal}): ${output}`)));
  });
}
