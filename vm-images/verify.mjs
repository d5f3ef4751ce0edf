// `npm run vm:verify`: fails when public/vm/ no longer matches the guest sources or its own manifest.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { MANIFEST, VM_DIR, inputHashes, sha256, v86Version } from "./inputs.mjs";

const problems = [];
if (!existsSync(MANIFEST)) {
  problems.push("public/vm/manifest.json is missing");
} else {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(MANIFEST, "utf8"));
  } catch (err) {
    problems.push(`public/vm/manifest.json is not valid JSON (${err.message})`);
  }
  if (manifest) {
    const recorded = manifest.inputs ?? {};
    const current = inputHashes();
    for (const [path, hash] of Object.entries(current)) {
      if (!(path in recorded)) problems.push(`${path} is new since the last build`);
      else if (recorded[path] !== hash) problems.push(`${path} changed since the last build`);
    }
    for (const path of Object.keys(recorded)) {
      if (!(path in current)) problems.push(`${path} was removed since the last build`);
    }
    if (manifest.v86?.version !== v86Version()) {
      problems.push(`built for v86 ${manifest.v86?.version}, installed is ${v86Version()}`);
    }
    for (const [role, file] of Object.entries(manifest.files ?? {})) {
      const path = join(VM_DIR, file.name);
      if (!existsSync(path)) problems.push(`${role}: ${file.name} is missing`);
      else if (sha256(readFileSync(path)) !== file.sha256)
        problems.push(`${role}: ${file.name} does not match its sha256`);
    }
  }
}

if (problems.length > 0) {
  console.error("vm:verify: public/vm/ is out of date:\n  - " + problems.join("\n  - "));
  console.error("run npm run vm:build (and commit public/vm/)");
  process.exit(1);
}
console.log("vm:verify: public/vm/ matches the guest sources and its manifest");
