/** Hands bytes to the browser as a file download named `name`. */
export function downloadBytes(data: Uint8Array, name: string): void {
  const url = URL.createObjectURL(new Blob([data as Uint8Array<ArrayBuffer>], { type: 'application/octet-stream' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  // The download has its own copy once it started; a minute is far more than it needs.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
