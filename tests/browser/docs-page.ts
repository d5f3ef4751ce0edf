// A documentation page as the tests' readers find it: a long page with the lab's frame in its middle.
import type { Frame, Page } from "playwright-core";
import type { Lab } from "./browser";

/** Opens the page (1280 × 700, a chapter of 1,500 px above and below a 1000 × 560 frame) and its frame. */
export async function openDocsPage(
  lab: Lab,
  search = "?embed=1&era=2014",
): Promise<{ host: Page; frame: Frame }> {
  const host = await lab.browser.newPage({ viewport: { width: 1280, height: 700 } });
  await host.setContent(
    `<div style="height:1500px">Chapter one</div>
     <iframe id="f" src="${lab.site.url}${search}" width="1000" height="560"></iframe>
     <div style="height:1500px">Chapter two</div>`,
  );
  const frame = await (await host.waitForSelector("#f")).contentFrame();
  if (!frame) throw new Error("the documentation page has no frame");
  return { host, frame };
}
