/**
 * Maps strings to dense integer codes, once. Everything after parsing works on
 * the codes, so a million repeated annotator ids cost one string each.
 */
export class Interner {
  readonly values: string[] = []
  private readonly codes = new Map<string, number>()

  intern(value: string): number {
    let code = this.codes.get(value)
    if (code === undefined) {
      code = this.values.length
      this.codes.set(value, code)
      this.values.push(value)
    }
    return code
  }

  get(value: string): number | undefined {
    return this.codes.get(value)
  }

  get size(): number {
    return this.values.length
  }
}
