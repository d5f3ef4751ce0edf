// Puts text on the clipboard from a key press, where the asynchronous clipboard API is refused.

/**
 * Whether `text` reached the clipboard. navigator.clipboard is missing off secure contexts (plain
 * http off localhost, a frame in such a page) and refused in a frame not allowed "clipboard-write",
 * as embedding snippets often are; the older copy command still works there while the key press
 * that asked for it counts as the user's gesture. Called from that key's handler.
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Refused by the frame's permissions policy: try the copy command.
  }
  let copied = false;
  const onCopy = (event: ClipboardEvent) => {
    event.clipboardData?.setData("text/plain", text);
    event.preventDefault();
    copied = event.clipboardData !== null;
  };
  document.addEventListener("copy", onCopy, { capture: true });
  try {
    // Deprecated, but the one way left here; false (or a throw) where it is refused too.
    return document.execCommand("copy") && copied;
  } catch {
    return false;
  } finally {
    document.removeEventListener("copy", onCopy, { capture: true });
  }
}
