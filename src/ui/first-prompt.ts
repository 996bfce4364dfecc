// The moment the first prompt takes input. What is not needed for typing (lesson content)
// waits for it, so it never delays the prompt; bench/site.ts reads the performance mark.

let resolveShown!: () => void;
let shown = false;

export const firstPromptShown = new Promise<void>((resolve) => (resolveShown = resolve));

export function markFirstPrompt(): void {
  if (shown) return;
  shown = true;
  performance.mark('first-prompt');
  resolveShown();
}
