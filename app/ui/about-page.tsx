// About and licences: what runs in the page, under which licence, and where its corresponding source is.
import { Fragment, useEffect, useRef, version as reactVersion, type ReactNode } from "react";
import { packages, source, versions } from "virtual:exelab-about";
import { ExternalLink } from "./external-link";
import { BackToLabLink } from "./back-to-lab";
import { focusLab, keyboardIsOurs } from "./busy-focus";
import { OfflineStatus } from "./offline-status";

// Set VITE_REPO_URL at build time to turn repository paths into links (e.g. a GitHub tree URL).
const REPO_URL: string | undefined = import.meta.env.VITE_REPO_URL;

/**
 * One of the guest's source files as the site itself serves it (under source/, beside the page, so
 * the link works under any base path), in a new tab: following it must not stop the running guest.
 */
function SourceFile({ path }: { path: string }) {
  return (
    <ExternalLink className="link" href={source.dir + path}>
      <code>{path}</code>
    </ExternalLink>
  );
}

export default function AboutPage() {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    // A hash route is no page load: move focus so screen readers and keyboards start on the new content.
    // Not in a frame the reader is not typing into (a documentation page's link to #about).
    if (keyboardIsOurs()) headingRef.current?.focus();
    const title = document.title;
    document.title = `About — ${title}`;
    // This unmounts when the route leaves "about", after the lab is shown again: the keyboard goes
    // back to the lab (its terminal, or Retry) rather than to a <body> no key of the guest's reaches.
    return () => {
      document.title = title;
      focusLab();
    };
  }, []);
  const pkg = (name: string): string | undefined => packages[name];
  const readme = <ExternalLink href={source.readme}>the list of sources and versions</ExternalLink>;
  const tarLink = <ExternalLink href={source.tar}>{source.tar.replace(/^.*\//, "")}</ExternalLink>;
  const rows: { name: string; licence: string; version?: string; source: ReactNode }[] = [
    {
      name: "Linux kernel (patched)",
      licence: "GPL-2.0",
      version: pkg("linux-source-6.1"),
      source: (
        <>
          Debian package <code>linux-source-6.1</code> (source package <code>linux</code>), plus our patch{" "}
          <SourceFile path="vm-images/kernel/exe-link-era.patch" />, config{" "}
          <SourceFile path="vm-images/kernel/config.fragment" /> and build script{" "}
          <SourceFile path="vm-images/build-kernel.sh" />
        </>
      ),
    },
    {
      name: "BusyBox",
      licence: "GPL-2.0",
      version: pkg("busybox-static:i386"),
      source: (
        <>
          Debian source package <code>busybox</code> (binary <code>busybox-static</code>, i386), unchanged:
          see {readme}
        </>
      ),
    },
    {
      name: "SeaBIOS",
      licence: "LGPL-3.0",
      version: pkg("seabios"),
      source: (
        <>
          Debian source package <code>seabios</code>, unchanged: see {readme}
        </>
      ),
    },
    {
      // Built into our guest tools (static binaries): build-initramfs.sh compiles them against it.
      name: "nolibc (in the guest tools)",
      licence: "LGPL-2.1 OR MIT",
      version: pkg("linux-source-6.1"),
      source: (
        <>
          The kernel&apos;s <code>tools/include/nolibc</code>, from Debian package{" "}
          <code>linux-source-6.1</code>, unchanged; build script{" "}
          <SourceFile path="vm-images/build-initramfs.sh" />
        </>
      ),
    },
    {
      name: "libgcc (in the guest tools)",
      licence: "GPL-3.0 with the GCC Runtime Library Exception",
      version: pkg("gcc-12"),
      source: (
        <>
          Debian source package <code>gcc-12</code> (through <code>gcc-multilib</code>), unchanged: see{" "}
          {readme}
        </>
      ),
    },
    { name: "v86 emulator", licence: "BSD-2-Clause", version: versions.v86, source: "npm package v86" },
    {
      name: "xterm.js",
      licence: "MIT",
      version: `${versions.xterm} (fit ${versions.xtermFit})`,
      source: "npm packages @xterm/xterm, @xterm/addon-fit",
    },
    { name: "React", licence: "MIT", version: reactVersion, source: "npm packages react, react-dom" },
    {
      name: "exelab (this app)",
      licence: "BSD-2-Clause",
      version: versions.exelab,
      source: (
        <>
          The guest&apos;s part: {tarLink}
          {REPO_URL && (
            <>
              ; all of it: <ExternalLink href={REPO_URL}>the repository</ExternalLink>
            </>
          )}
        </>
      ),
    },
  ];

  // At the page's top and again at its foot, where a keyboard's Tab through it ends (it left the page).
  const backLink = (
    <p className="mt-3">
      <BackToLabLink />
    </p>
  );

  return (
    <main className="mx-auto max-w-4xl p-4 text-lg" aria-labelledby="about-h">
      {backLink}
      <h1 id="about-h" ref={headingRef} tabIndex={-1} className="mt-2 text-3xl font-bold">
        About exelab
      </h1>
      <p className="mt-3">
        exelab boots a small i386 Linux inside the v86 emulator, right in this page, so you can find out by
        hand who may change <code>/proc/self/exe</code>. The kernel is Linux 6.1 with a patch that can switch
        its exe-link permission check between the rules of 2012, 2014, 2016, 2017 and 2020, and that logs
        every attempt so the page can explain it. Everything runs locally: nothing is sent anywhere.
      </p>
      <OfflineStatus />

      <h2 className="mt-6 text-2xl font-bold">Licences and source</h2>
      <div className="relative mt-2 overflow-x-auto">
        {/* Below 640 px each row is a block of its own, labelled: as a table it was twice the page wide,
            its source column out of sight with nothing to say it scrolled. */}
        <table className="w-full border-collapse text-left text-base max-sm:block">
          <thead className="max-sm:sr-only">
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
          <tbody className="max-sm:block">
            {rows.map((row) => (
              <tr
                key={row.name}
                className="border-b border-slate-200 align-top max-sm:block max-sm:py-2 dark:border-slate-700"
              >
                <th scope="row" className="py-1 pr-3 font-semibold max-sm:block max-sm:py-0">
                  {row.name}
                </th>
                <td className="py-1 pr-3 font-mono max-sm:block max-sm:py-0">
                  <span className="font-sans sm:hidden">Licence: </span>
                  {/* Breaks between words only: an SPDX name split at its hyphen reads as two. */}
                  {row.licence.split(" ").map((word, i) => (
                    <Fragment key={i}>
                      {i > 0 && " "}
                      <span className="whitespace-nowrap">{word}</span>
                    </Fragment>
                  ))}
                </td>
                <td className="py-1 pr-3 font-mono text-sm [overflow-wrap:anywhere] max-sm:block max-sm:py-0">
                  <span className="font-sans sm:hidden">Version: </span>
                  {row.version ?? "–"}
                </td>
                <td className="py-1 max-sm:block max-sm:py-0">
                  <span className="sm:hidden">Source: </span>
                  {row.source}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="mt-3 text-base">
        The GPL-2.0 components are distributed in binary form inside the guest image. Their complete
        corresponding source is the Debian source packages named above, at the versions shown, together with
        our patch, configuration, guest tools and build scripts, which reproduce the image exactly. This site
        serves all of our part: in one archive, {tarLink}, and file by file, with the exact Debian package
        versions and how to rebuild (<code>npm run vm:build</code>) in{" "}
        <ExternalLink href={source.readme}>README.txt</ExternalLink>.
      </p>
      {backLink}
    </main>
  );
}
