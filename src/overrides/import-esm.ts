/**
 * Import an ES module by its `file:` URL (a site's compiled template). Its own module, so that the
 * CommonJS copy of the bundle takes it from the code that started it (see src/boot/run.ts).
 */
export function importEsm(url: string): Promise<Record<string, unknown>> {
  return import(url) as Promise<Record<string, unknown>>;
}
