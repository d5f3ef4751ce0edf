// Bytes written as lower-case hex, two digits each: hashes in the manifest, the guest's random seed.
export function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
