/** Every broken layer rule under `srcDir`, one line each (empty when the imports follow the layers). */
export function checkImports(srcDir: string): string[];
