/**
 * Saves a text as a file on this machine (a download; nothing is sent anywhere).
 *
 * @example
 * ```ts
 * download('model.json', text, 'application/json');
 * ```
 */
export function download(name: string, text: string, type = 'text/plain'): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Reads a chosen file's text (UTF-8). */
export function readChosen(input: HTMLInputElement): Promise<{ name: string; text: string } | null> {
  const f = input.files?.[0];
  if (!f) return Promise.resolve(null);
  return f.text().then((text) => ({ name: f.name, text }));
}
