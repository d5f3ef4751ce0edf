// About and licences: what runs in the page, under which licence, and where its corresponding source is.
import { useEffect, useRef, useState, version as reactVersion, type ReactNode } from "react";
import { ExternalLink } from "./external-link";

// Set VITE_REPO_URL at build time to turn repository paths into links (e.g. a GitHub tree URL).
const REPO_URL: string | undefined = import.meta.env.VITE_REPO_URL;

interface ManifestInfo {
  v86?: string;
  packages: Record<string, string>;
}

function RepoPath({ path }: { path: string }) {
  if (!REPO_URL) return <code>{path}</code>;
  return (
    <ExternalLink className="link" href={`${REPO_URL.replace(/\/$/, "")}/${path}`}>
      <code>{path}</code>
    </ExternalLink>
  );
}

/** Versions come from our own manifest (same origin); without it the page simply shows none. */
function useManifest(): ManifestInfo | undefined {
  const [info, setInfo] = useState<ManifestInfo>();
  useEffect(() => {
    const controller = new AbortController();
    fetch(`${import.meta.env.BASE_URL}vm/manifest.json`, { signal: controller.signal })
      .then((r) => (r.ok ? (r.json() as Promise<unknown>) : undefined))
      .then((json) => {
        if (typeof json !== "object" || json === null) return;
        const m = json as { v86?: { version?: unknown }; packages?: unknown };
        const packages: Record<string, string> = {};
        if (typeof m.packages === "object" && m.packages !== null) {
          for (const [k, v] of Object.entries(m.packages)) if (typeof v === "string") packages[k] = v;
        }
        setInfo({ v86: typeof m.v86?.version === "string" ? m.v86.version : undefined, packages });
      })
      .catch(() => undefined);
    return () => controller.abort();
  }, []);
  return info;
}

export default function AboutPage() {
  const manifest = useManifest();
  const headingRef = useRef<HTMLHeadingElement>(null);
  // A hash route is no page load: move focus so screen readers and keyboards start on the new content.
  useEffect(() => headingRef.current?.focus(), []);
  const pkg = (name: string) => manifest?.packages[name];
  const rows: { name: string; licence: string; version?: string; source: ReactNode }[] = [
    {
      name: "Linux kernel (patched)",
      licence: "GPL-2.0",
      version: pkg("linux-source-6.1"),
      source: (
        <>
          Debian source package <code>linux-source-6.1</code>, plus our patch{" "}
          <RepoPath path="vm-images/kernel/exe-link-era.patch" />, config{" "}
          <RepoPath path="vm-images/kernel/config.fragment" /> and build script{" "}
          <RepoPath path="vm-images/build.sh" />
        </>
      ),
    },
    {
      name: "BusyBox",
      licence: "GPL-2.0",
      version: pkg("busybox-static:i386"),
      source: (
        <>
          Debian source package <code>busybox</code> (binary <code>busybox-static</code>, i386)
        </>
      ),
    },
    {
      name: "SeaBIOS",
      licence: "LGPL-3.0",
      version: pkg("seabios"),
      source: (
        <>
          Debian source package <code>seabios</code>
        </>
      ),
    },
    { name: "v86 emulator", licence: "BSD-2-Clause", version: manifest?.v86, source: "npm package v86" },
    { name: "xterm.js", licence: "MIT", source: "npm packages @xterm/xterm, @xterm/addon-fit" },
    { name: "React", licence: "MIT", version: reactVersion, source: "npm packages react, react-dom" },
    {
      name: "exelab (this app)",
      licence: "BSD-2-Clause",
      source: REPO_URL ? <ExternalLink href={REPO_URL}>this repository</ExternalLink> : "this repository",
    },
  ];

  return (
    <article className="mx-auto max-w-4xl p-4 text-lg" aria-labelledby="about-h">
      <p>
        <a className="link" href="#">
          ← Back to the lab
        </a>
      </p>
      <h1 id="about-h" ref={headingRef} tabIndex={-1} className="mt-2 text-3xl font-bold">
        About exelab
      </h1>
      <p className="mt-3">
        exelab boots a small i386 Linux inside the v86 emulator, right in this page, so you can find out by
        hand who may change <code>/proc/self/exe</code>. The kernel is Linux 6.1 with a patch that can switch
        its exe-link permission check between the rules of 2012, 2014, 2016, 2017 and 2020, and that logs
        every attempt so the page can explain it. Everything runs locally: nothing is sent anywhere.
      </p>

      <h2 className="mt-6 text-2xl font-bold">Licences and source</h2>
      <div className="mt-2 overflow-x-auto">
        <table className="w-full border-collapse text-left text-base">
          <thead>
            <tr className="border-b-2 border-slate-400">
              <th scope="col" className="py-1 pr-3">
                Component
              </th>
              <th scope="col" className="py-1 pr-3">
                Licence
              </th>
              <th scope="col" className="py-1 pr-3">
                Version
              </th>
              <th scope="col" className="py-1">
                Corresponding source
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.name} className="border-b border-slate-200 align-top dark:border-slate-700">
                <th scope="row" className="py-1 pr-3 font-semibold">
                  {row.name}
                </th>
                <td className="py-1 pr-3 font-mono whitespace-nowrap">{row.licence}</td>
                <td className="py-1 pr-3 font-mono text-sm">{row.version ?? "–"}</td>
                <td className="py-1">{row.source}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="mt-3 text-base">
        The GPL-2.0 components are distributed in binary form inside the guest image. Their complete
        corresponding source is the Debian source packages named above (at the versions shown) together with
        the patch and the build script in this project&apos;s repository, which reproduce the image exactly.
      </p>
    </article>
  );
}
