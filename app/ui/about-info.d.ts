// Types of the build-time facts the about page shows (made by scripts/about-info.ts).
declare module "virtual:exelab-about" {
  /** Installed versions of what the page bundles. */
  export const versions: { exelab: string; xterm: string; xtermFit: string; v86: string; tailwind: string };
  /** Debian packages the guest was built from, and their versions (public/vm/manifest.json). */
  export const packages: Record<string, string>;
  /** URLs relative to the page: source files' folder, the README naming the sources, the tar of our part. */
  export const source: { dir: string; readme: string; tar: string };
  /** URL relative to the page of the folder of licence texts (scripts/licence-texts.ts names its files). */
  export const licenceDir: string;
}
