/** `%text%` for LIKE, lower-cased, with the pattern characters of `text` escaped (used with `escape '\'`, which both engines take). */
export function containsPattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}
