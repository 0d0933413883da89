import type { OutputFile } from '../output/write.js';
import type { Progress } from '../report/progress.js';

/**
 * The outputs of a build, each telling `progress` once it is rendered: on another thread (when
 * `writeElsewhere` resolves; its `render` then runs only for a file that thread could not write)
 * or on this one. Outputs proven unchanged are never rendered, and are not counted in
 * `toRender`, the total of the `Rendering pages and feeds` phase.
 */
export function countRenders<T extends OutputFile>(outputs: readonly T[], progress: Progress): { readonly outputs: readonly T[]; readonly toRender: number } {
  let toRender = 0;
  const counted = outputs.map((output): T => {
    if (output.unchanged === true) return output;
    toRender++;
    const { writeElsewhere, render } = output;
    if (writeElsewhere !== undefined) {
      return { ...output, writeElsewhere: (target) => writeElsewhere(target).then((written) => (progress.advance(), written)) };
    }
    return {
      ...output,
      render: () => {
        const rendered = render();
        progress.advance();
        return rendered;
      },
    };
  });
  return { outputs: counted, toRender };
}
