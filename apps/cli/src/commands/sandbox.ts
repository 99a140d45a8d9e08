import { startSandbox } from '@databridge/sandbox';
import type { DemoOutput } from './demo.js';

/** `databridge sandbox`: starts the local stand-ins and keeps them running until interrupted. */
export async function runSandbox(out: DemoOutput, options: { port: number; host: string }): Promise<void> {
  const sandbox = await startSandbox(options);
  out.log(
    `Sandbox running at ${sandbox.url} (health: ${sandbox.url}/_sandbox/health). Press Ctrl-C to stop.`,
  );
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await sandbox.close();
  out.log('Sandbox stopped.');
}
