// About and licences: what runs in the page, under which licence, and where its corresponding source is.
import { Fragment, useEffect, useRef, version as reactVersion, type ReactNode } from "react";
import { licenceDir, packages, source, versions } from "virtual:exelab-about";
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

/** Breaks between words only: an SPDX name split at its hyphen reads as two. */
function Words({ text }: { text: string }) {
  return text.split(" ").map((word, i) => (
    <Fragment key={i}>
      {i > 0 && " "}
      <span className="whitespace-nowrap">{word}</span>
    </Fragment>
  ));
}

/**
 * A licence's name linked to its text and the component's copyright notice (served under licenses/
 * beside the page, scripts/licence-texts.ts names the files), or the words around such names, their
 * spaces included.
 */
type LicencePart = string | { name: string; file: string };

const linked = (name: string, file: string): LicencePart => ({ name, file });

/** In a new tab, as the source files: reading a licence must not stop the running guest. */
function Licence({ parts }: { parts: readonly LicencePart[] }) {
  return parts.map((part, i) =>
    typeof part === "string" ? (
      <Words key={i} text={part} />
    ) : (
      <ExternalLink key={i} className="link" href={licenceDir + part.file}>
        <Words text={part.name} />
      </ExternalLink>
    ),
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
  const gpl2 = [linked("GPL-2.0", "GPL-2.0.txt")];
  const rows: { name: string; licence: readonly LicencePart[]; version?: string; source: ReactNode }[] = [
    {
      name: "Linux kernel (patched)",
      licence: gpl2,
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
      licence: gpl2,
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
      // The LGPL-3.0 is permissions added to the GPL-3.0: its text alone is not the whole licence.
      licence: [
        linked("LGPL-3.0", "LGPL-3.0.txt"),
        " (",
        linked("GPL-3.0", "GPL-3.0.txt"),
        " with added permissions)",
      ],
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
      licence: ["LGPL-2.1 OR ", linked("MIT", "nolibc-MIT.txt"), " (used under MIT)"],
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
      licence: [
        linked("GPL-3.0", "GPL-3.0.txt"),
        " with the ",
        linked("GCC Runtime Library Exception", "GCC-exception-3.1.txt"),
      ],
      version: pkg("gcc-12"),
      source: (
        <>
          Debian source package <code>gcc-12</code> (through <code>gcc-multilib</code>), unchanged: see{" "}
          {readme}
        </>
      ),
    },
    {
      name: "v86 emulator",
      licence: [linked("BSD-2-Clause", "v86.txt")],
      version: versions.v86,
      source: "npm package v86",
    },
    {
      name: "xterm.js",
      // Each package's own file: their copyright notices differ.
      licence: ["MIT (", linked("xterm", "xterm.txt"), ", ", linked("addon-fit", "xterm-addon-fit.txt"), ")"],
      version: `${versions.xterm} (fit ${versions.xtermFit})`,
      source: "npm packages @xterm/xterm, @xterm/addon-fit",
    },
    {
      name: "React",
      licence: [
        "MIT (",
        linked("react", "react.txt"),
        ", ",
        linked("react-dom", "react-dom.txt"),
        ", ",
        linked("scheduler", "scheduler.txt"),
        ")",
      ],
      version: reactVersion,
      source: "npm packages react, react-dom and scheduler (which react-dom bundles)",
    },
    {
      name: "Tailwind CSS",
      licence: [linked("MIT", "tailwindcss.txt")],
      version: versions.tailwind,
      source: "npm package tailwindcss (its base styles are in the page's CSS)",
    },
    {
      name: "exelab (this app)",
      licence: [linked("BSD-2-Clause", "exelab.txt")],
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
                  <Licence parts={row.licence} />
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
        The licence texts and copyright notices are linked from the Licence column, each served by this site
        itself.
      </p>
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
