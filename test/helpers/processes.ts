/** Running the CLI as a real process (test/process), and killing it mid-way, for the crash tests. */
import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { packageRoot } from '../../src/paths.js';

// Resolved from the project, since the CLI runs in a temporary directory without node_modules.
const tsxLoader = pathToFileURL(path.join(packageRoot, 'node_modules/tsx/dist/loader.mjs')).href;

/** Node arguments that run `skillpath <cliArgs>` from the TypeScript sources. */
export const cliArgs = (...cliArgs: string[]) => ['--import', tsxLoader, path.join(packageRoot, 'src/cli/main.ts'), ...cliArgs];

/** Node arguments that run the server (src/server.ts) from the TypeScript sources. */
export const serverArgs = () => ['--import', tsxLoader, path.join(packageRoot, 'src/server.ts')];

/** A TCP port free on 127.0.0.1 right now, for a server the test starts. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Runs node with `args` and SIGKILLs it as soon as its stderr shows `marker`; resolves when it is gone. */
export function killedWhen(args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }, marker: RegExp): Promise<void> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { ...options, stdio: ['ignore', 'ignore', 'pipe'] });
    let seen = '';
    child.stderr.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      if (marker.test(seen)) child.kill('SIGKILL');
    });
    child.on('exit', () => resolve());
  });
}
