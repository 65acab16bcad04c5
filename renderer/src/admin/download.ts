// The web host returns exports as base64; a browser saves them through a temporary object
// URL. (Electron writes the file itself via a save dialog and returns savedTo instead.)
export function downloadBase64File(fileName: string, mime: string, base64: string, doc: Document = document): void {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type: mime }));
  const link = doc.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.hidden = true;
  doc.body.appendChild(link);
  link.click();
  link.remove();
  // Revoking at once can cancel the download in Chromium; a minute is plenty.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
