// A screenshot of a loop explorer page in Debian's chromium, for README's
// picture of it (dot/explorer-ai-2026.png):
//     node screenshot.mjs PAGE.html FRAGMENT OUT.png [WIDTH HEIGHT]
// e.g. node screenshot.mjs ../../dot/ai-2026.html '#loop=4' ../../dot/explorer-ai-2026.png
import { chromium } from "playwright-core";
import { pathToFileURL } from "node:url";
import path from "node:path";

const [file, fragment, out, width = "1280", height = "800"] = process.argv.slice(2);
if (!file || fragment === undefined || !out) {
  console.error("usage: node screenshot.mjs PAGE.html FRAGMENT OUT.png [WIDTH HEIGHT]");
  process.exit(64);
}
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox"],
});
const page = await browser.newPage({ viewport: { width: +width, height: +height } });
await page.goto(pathToFileURL(path.resolve(file)).href + fragment);
await page.waitForSelector("#rt-loops li");
await page.screenshot({ path: out });
await browser.close();
