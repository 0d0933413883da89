import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Run `source` as an ES module in a Node process of its own (for what concerns the whole process,
 * such as its event loop running dry): its exit code and what it printed on stdout.
 */
export async function runModuleProcess(source: string): Promise<{ code: number; stdout: string }> {
  try {
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', source]);
    return { code: 0, stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string };
    return { code: failed.code, stdout: failed.stdout };
  }
}
