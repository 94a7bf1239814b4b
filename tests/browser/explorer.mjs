// The loop explorer in Debian's chromium, driven by playwright-core (never a
// downloaded browser):
//     node explorer.mjs BUNDLED.html HOSTILE.html SCREENSHOT_DIR
// BUNDLED.html is the page of data/ai-2026, HOSTILE.html that of
// tests/data/pwned, whose names, sources and URLs try to run
// "window.__pwned = N". Prints TAP; exits 1 when a check fails.
import { chromium } from "playwright-core";
import { pathToFileURL } from "node:url";
import path from "node:path";

const [bundled, hostile, shots] = process.argv.slice(2);
if (!bundled || !hostile || !shots) {
  console.error("usage: node explorer.mjs BUNDLED.html HOSTILE.html SCREENSHOT_DIR");
  process.exit(64);
}

let n = 0, failed = 0;
function ok(cond, what, detail) {
  n++;
  if (cond) console.log(`ok ${n} - ${what}`);
  else {
    failed++;
    console.log(`not ok ${n} - ${what}`);
    if (detail !== undefined) console.log("# " + JSON.stringify(detail));
  }
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox"],
});

// A page that records every request but its own file, every console error
// (a CSP violation is one), every uncaught error and every dialog.
async function open(file, hash = "", viewport = { width: 1280, height: 800 }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const url = pathToFileURL(path.resolve(file)).href;
  const seen = { requests: [], errors: [], dialogs: [] };
  page.on("request", (r) => {
    if (r.url().split("#")[0] !== url) seen.requests.push(r.url());
  });
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") seen.errors.push(m.text());
  });
  page.on("pageerror", (e) => seen.errors.push(String(e)));
  page.on("dialog", (d) => {
    seen.dialogs.push(d.message());
    d.dismiss();
  });
  await page.goto(url + hash);
  await page.waitForSelector("#rt-loops li");
  return { page, seen, context };
}

const data = async (page) =>
  page.evaluate(() => JSON.parse(document.getElementById("rt-data").textContent));

// The ids of the highlighted edges, and the relationships the JSON puts on
// a loop's hops that the drawing has.
async function highlighted(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll("#rt-diagram g.edge.highlight")].map((g) => g.id).sort());
}
async function expectedEdges(page, entry) {
  return page.evaluate((hops) => hops.flat().map((r) => "r" + r)
    .filter((id) => document.getElementById(id)).sort(), entry.hops);
}

// 1. The bundled dataset.
{
  const { page, seen, context } = await open(bundled);
  const d = await data(page);
  const last = d.snapshots[d.snapshots.length - 1];
  const items = await page.locator("#rt-loops li[data-loop]").count();
  ok(items === last.loops.length && items > 0, "the list has every loop of the latest view",
    { items, json: last.loops.length });

  await page.locator('#rt-loops li[data-loop="1"]').click();
  ok(await page.locator('#rt-loops li[data-loop="1"]').getAttribute("aria-selected") === "true",
    "clicking a loop selects it");
  const want = await expectedEdges(page, last.loops[0]);
  const got = await highlighted(page);
  ok(want.length > 0 && JSON.stringify(got) === JSON.stringify(want),
    "exactly the edges of its hops are highlighted", { got, want });
  const onLoop = await page.evaluate(() =>
    [...document.querySelectorAll("#rt-diagram g.edge.highlight")]
      .every((g) => g.getAttribute("data-loops").split(" ").includes("1")));
  ok(onLoop, "each highlighted edge lists the loop in data-loops");
  ok(await page.locator("#rt-diagram svg.rt-dim").count() === 1, "the rest of the drawing dims");
  ok((await page.locator("#rt-panel h2").textContent()).startsWith("Loop 1:"),
    "the panel shows the loop");
  ok(await page.locator("#rt-panel li").count() > 0, "the panel lists the hops' claims");
  ok(page.url().endsWith("#loop=1"), "the fragment names the loop", page.url());

  // Keyboard: the selected item has focus; down, then Enter.
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
  ok(await page.locator('#rt-loops li[data-loop="2"]').getAttribute("aria-selected") === "true",
    "arrow down and Enter select the next loop");
  ok(await page.evaluate(() => document.activeElement.getAttribute("data-loop")) === "2",
    "the selected loop keeps the focus");
  ok(await page.locator('#rt-loops li[aria-selected="true"]').count() === 1,
    "one loop is selected at a time");

  // An entity.
  await page.locator("#rt-diagram g.node#e0").click();
  ok(await page.locator("#rt-panel h2").textContent() === d.entities[0].name,
    "clicking a node shows its entity", await page.locator("#rt-panel h2").textContent());
  ok(await page.locator("#rt-diagram g.node#e0").getAttribute("data-entity") === d.entities[0].name,
    "a node carries data-entity");

  ok(await page.locator("#rt-diagram g.edge.highlight").count() === 0,
    "an entity highlights no loop");
  await page.screenshot({ path: path.join(shots, "explorer-entity-1280x800.png") });
  await page.locator('#rt-loops li[data-loop="4"]').click();
  await page.screenshot({ path: path.join(shots, "explorer-1280x800.png") });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.locator('#rt-loops li[data-loop="1"]').click();
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(shots, "explorer-390x844.png") });
  await page.screenshot({ path: path.join(shots, "explorer-390x844-full.png"), fullPage: true });
  ok(seen.requests.length === 0, "the page makes no request", seen.requests);
  ok(seen.errors.length === 0, "no console error or warning (no CSP violation)", seen.errors);
  await context.close();
}

// 2. As of a date, from the fragment.
{
  const first = await open(bundled);
  const d = await data(first.page);
  await first.context.close();
  const snaps = d.snapshots.filter((s) => s.as_of !== null && s.loops.length > 1);
  const snap = snaps[Math.floor(snaps.length / 2)];
  const { page, seen, context } = await open(bundled, `#as-of=${snap.as_of}&loop=2`);
  const items = await page.locator("#rt-loops li[data-loop]").count();
  ok(items === snap.loops.length, `#as-of=${snap.as_of} shows that date's loops`,
    { items, json: snap.loops.length });
  ok(await page.locator("#rt-as-of-text").textContent() === snap.as_of, "the slider shows the date");
  ok(await page.locator('#rt-loops li[data-loop="2"]').getAttribute("aria-selected") === "true",
    "&loop=2 selects that loop");
  const want = await expectedEdges(page, snap.loops[1]);
  ok(JSON.stringify(await highlighted(page)) === JSON.stringify(want),
    "and highlights its edges as of that date");
  // Moving the slider to the latest view.
  await page.locator("#rt-as-of").fill(String(d.snapshots.length - 1));
  ok(await page.locator("#rt-loops li[data-loop]").count() ===
    d.snapshots[d.snapshots.length - 1].loops.length, "the slider moves to the latest view");
  ok(!page.url().includes("as-of="), "the latest view needs no as-of in the fragment", page.url());
  ok(seen.errors.length === 0 && seen.requests.length === 0, "still no error and no request",
    seen);
  await context.close();
}

// 3. Hostile data runs nothing.
{
  const { page, seen, context } = await open(hostile);
  const items = page.locator("#rt-loops li[data-loop]");
  for (let i = 0; i < await items.count(); i++) await items.nth(i).click();
  const nodes = page.locator("#rt-diagram g.node[data-entity]");
  for (let i = 0; i < await nodes.count(); i++) {
    await nodes.nth(i).hover();
    await nodes.nth(i).click();
  }
  await page.locator('#rt-loops li[data-loop="1"]').click();
  const panelLinks = await page.evaluate(() =>
    [...document.querySelectorAll("a[href]")].map((a) => a.getAttribute("href")));
  ok(await page.evaluate(() => window.__pwned) === undefined, "no script from the data runs");
  ok(seen.dialogs.length === 0, "no dialog opens", seen.dialogs);
  ok(await page.evaluate(() => document.querySelectorAll("img, iframe, object, embed").length) === 0,
    "no element from the data");
  ok(await page.evaluate(() => document.querySelectorAll("script").length) === 2,
    "two script elements: the data and the explorer");
  ok(panelLinks.every((h) => /^https?:\/\//.test(h)), "links are http(s) only", panelLinks);
  const panelText = await page.locator("#rt-panel").textContent();
  ok(panelText.includes("<img src=y onerror="), "a hostile source reads as text");
  ok(panelText.includes("S\\u{202e}evil") && !panelText.includes("\u202e"),
    "a direction override is shown, not obeyed", panelText);
  ok(seen.requests.length === 0, "the hostile page makes no request", seen.requests);
  ok(seen.errors.length === 0, "the hostile page has no console error", seen.errors);
  await page.screenshot({ path: path.join(shots, "explorer-hostile.png") });
  await context.close();
}

await browser.close();
console.log(`1..${n}`);
process.exit(failed ? 1 : 0);
