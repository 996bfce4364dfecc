/**
 * A button that cannot act now (Run during a run, Stop with none) says so with aria-disabled and
 * stays focusable: a disabled button that had the keyboard (Enter on Run all) would drop it to
 * the page's body. Its click handler checks the same condition.
 */
export function unavailable(flag: boolean): { 'aria-disabled'?: true } {
  return flag ? { 'aria-disabled': true } : {};
}
