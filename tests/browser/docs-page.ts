// A documentation page as the tests' readers find it: a long page with the lab's frame in its middle.
import type { Frame, Page } from "playwright-core";
import type { Lab } from "./browser";

/**
 * Opens the page (1280 × 700, a chapter of 1,500 px above and below a 1000 × 560 frame) and its frame.
 * The page is of another origin than the lab's, as most are, unless `sameOrigin`: Chromium does not
 * lay out or draw a frame of another origin while it is out of the window, one of its own it does.
 */
export async function openDocsPage(
  lab: Lab,
  search = "?embed=1&era=2014",
  sameOrigin = false,
): Promise<{ host: Page; frame: Frame }> {
  const host = await lab.browser.newPage({ viewport: { width: 1280, height: 700 } });
  // A plain file of the lab's site, its document then written over: the page keeps that origin.
  if (sameOrigin) await host.goto(`${lab.site.url}csp.txt`);
  await host.setContent(
    `<div style="height:1500px">Chapter one</div>
     <iframe id="f" src="${lab.site.url}${search}" width="1000" height="560"></iframe>
     <div style="height:1500px">Chapter two</div>`,
  );
  const frame = await (await host.waitForSelector("#f")).contentFrame();
  if (!frame) throw new Error("the documentation page has no frame");
  return { host, frame };
}
