import { stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { runProcess } from './run-process.js';

/** One error that the Nu HTML Checker reported for a page. */
export interface HtmlProblem {
  /** Path of the page relative to the checked folder, with `/` separators. */
  file: string;
  /** 1-based line of the problem, or 0 when vnu gave no position (whole-document errors). */
  line: number;
  /** 1-based column of the problem, or 0 when vnu gave no position. */
  column: number;
  /** The checker's message text. */
  message: string;
  /** Either a markup `error` or a `non-document-error` (the file could not be read or checked). */
  type: 'error' | 'non-document-error';
  /** A short excerpt of the source around the problem, when vnu gives one. */
  extract?: string;
}

/** Options for {@link validateHtml}; the defaults suit this repo. */
export interface ValidateHtmlOptions {
  /** The java executable to run (default: `java` from PATH). */
  java?: string;
  /** Path of vnu.jar (default: the one shipped by the `vnu-jar` devDependency). */
  jar?: string;
}

/** Shape of one message in vnu's `--format json` output. */
interface VnuMessage {
  type?: unknown;
  subType?: unknown;
  url?: unknown;
  firstLine?: unknown;
  lastLine?: unknown;
  firstColumn?: unknown;
  lastColumn?: unknown;
  message?: unknown;
  extract?: unknown;
}

/**
 * The JVM tuned for one short run: only the quick compiler (a run checks a few hundred pages at most,
 * too few for the optimising one to pay back its own CPU time, about half of a run's) and one
 * garbage-collector thread. Quickly compiled code takes more stack than vnu's 512 KiB minimum: 8 MiB.
 */
const jvmOptions = ['-Xss8m', '-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC'];

/** Path of the vnu.jar that the `vnu-jar` package ships. */
export function defaultVnuJar(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('vnu-jar/package.json')), 'build/dist/vnu.jar');
}

/** Check every HTML file under `dir` with ONE run of the Nu HTML Checker and return its errors (warnings and info dropped). */
export async function validateHtml(dir: string, options: ValidateHtmlOptions = {}): Promise<HtmlProblem[]> {
  const root = path.resolve(dir);
  const info = await stat(root).catch(() => undefined);
  if (!info?.isDirectory()) {
    // vnu silently reports nothing for a missing path, which would pass every test.
    throw new Error(`validateHtml: ${root} is not a directory`);
  }
  const java = options.java ?? 'java';
  const jar = options.jar ?? defaultVnuJar();
  const args = [...jvmOptions, '-jar', jar, '--format', 'json', '--errors-only', '--stdout', '--skip-non-html', root];
  const { code, stdout, stderr } = await runProcess(
    java,
    args,
    `validateHtml: Java was not found (tried "${java}"). The Nu HTML Checker needs Java 11+: ` + 'install it with `apt-get install default-jre-headless` (.ci/run does this).',
  );
  // vnu exits 0 when clean and 1 when it reported errors; anything else is a crash.
  if (code !== 0 && code !== 1) {
    throw new Error(`validateHtml: ${java} -jar vnu.jar exited with ${String(code)}:\n${stderr || stdout}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(stdout);
  } catch {
    throw new Error(`validateHtml: vnu printed no JSON (exit ${String(code)}):\n${stdout}\n${stderr}`);
  }
  const messages = isRecord(parsed) && Array.isArray(parsed['messages']) ? (parsed['messages'] as VnuMessage[]) : [];
  const problems = messages.flatMap((m) => toProblem(m, root));
  if (code === 1 && problems.length === 0) {
    throw new Error(`validateHtml: vnu exited 1 but reported no errors:\n${stdout}\n${stderr}`);
  }
  return problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}

/** Render problems one per line as `file:line:column: message`, for readable assertion failures. */
export function formatHtmlProblems(problems: readonly HtmlProblem[]): string {
  return problems.map((p) => `${p.file}:${String(p.line)}:${String(p.column)}: ${p.message}`).join('\n');
}

/** Turn one vnu message into a problem, or nothing when it is not an error. */
function toProblem(m: VnuMessage, root: string): HtmlProblem[] {
  if (m.type !== 'error' && m.type !== 'non-document-error') return [];
  const problem: HtmlProblem = {
    file: relativeFile(m.url, root),
    line: num(m.firstLine) ?? num(m.lastLine) ?? 0,
    column: num(m.firstColumn) ?? num(m.lastColumn) ?? 0,
    message: typeof m.message === 'string' ? m.message : JSON.stringify(m),
    type: m.type,
  };
  if (typeof m.extract === 'string') problem.extract = m.extract;
  return [problem];
}

/** Map vnu's `file:` URL (partly percent-encoded) to a path relative to the checked folder. */
function relativeFile(url: unknown, root: string): string {
  if (typeof url !== 'string') return '';
  let file = url;
  if (url.startsWith('file:')) {
    try {
      file = fileURLToPath(new URL(url));
    } catch {
      file = decodeURI(url.slice('file:'.length));
    }
  }
  return path.relative(root, path.resolve(file)).split(path.sep).join('/');
}

/** A finite number, or undefined. */
function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** Whether a JSON value is a plain object. */
function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
