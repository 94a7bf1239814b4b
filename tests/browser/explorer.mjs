// The loop explorer in Debian's chromium, driven by playwright-core (never a
// downloaded browser):
//     node explorer.mjs ROUNDTRIP DATASET BUNDLED.html HOSTILE.html SCREENSHOT_DIR
// BUNDLED.html is `roundtrip render DATASET -o BUNDLED.html` (data/ai-2026),
// HOSTILE.html the page of tests/data/pwned, whose names, sources and URLs
// try to run "window.__pwned = N". What the page shows is checked against
// the CLI: `roundtrip loops --format json` and `roundtrip render -T dot`,
// latest and as of every date of the page. Prints TAP; exits 1 when a
// check fails.
import { chromium } from "playwright-core";
import { execFileSync } from "node:child_process";
import { pathToFileURL } from "node:url";
import path from "node:path";

const [roundtrip, dataset, bundled, hostile, shots] = process.argv.slice(2);
if (!roundtrip || !dataset || !bundled || !hostile || !shots) {
  console.error("usage: node explorer.mjs ROUNDTRIP DATASET BUNDLED.html HOSTILE.html SCREENSHOT_DIR");
  process.exit(64);
}

// What the CLI says, as of a date (null: the latest).
const asOf = (date) => (date === null ? [] : ["--as-of", date]);
function cliLoops(date) {
  return JSON.parse(execFileSync(roundtrip,
    ["loops", "--format", "json", ...asOf(date), dataset], { encoding: "utf8" })).loops;
}
// The edges `render -T dot` draws: relationship id -> [label, the lines
// of the claims its tooltip lists].
function cliEdges(date) {
  const dot = execFileSync(roundtrip, ["render", dataset, ...asOf(date), "-T", "dot", "-o", "-"],
    { encoding: "utf8" });
  const edges = {};
  const value = (attrs, name) => {
    const m = new RegExp(`[\\s,]${name}=("(?:[^"\\\\]|\\\\[\\s\\S])*"|[^,\\]\\s]+)`).exec(attrs);
    return m ? m[1].replace(/^"|"$/g, "").replace(/\\\n/g, "").replace(/\\(.)/g, "$1") : null;
  };
  for (const m of dot.matchAll(/\[key=(r\d+),([\s\S]*?)\];\n/g))
    edges[m[1]] = [value(m[2], "label"), claimLines(value(m[2], "tooltip"))];
  return edges;
}
const claimLines = (text) => [...(text || "").matchAll(/\(line (\d+)\)/g)].map((m) => +m[1]).sort((a, b) => a - b);
const membersOf = (loop) => [...loop.entities, loop.entities[0]].join(" \u2192 ");

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
// The edges a loop of the CLI's report lies on: its hops' relationships,
// found in the page by the lines of their claims.
async function edgesOfCliLoop(page, loop) {
  const lines = loop.hops.flatMap((h) => h.relationships.flatMap((r) => r.claims.map((c) => c.line)));
  return page.evaluate((lines) => {
    const d = JSON.parse(document.getElementById("rt-data").textContent);
    const ids = new Set();
    d.claims.forEach((c) => { if (lines.includes(c.line)) ids.add("r" + c.relationship); });
    return [...ids].sort();
  }, lines);
}
// The list's loops, as their items read; the drawing's edges shown, with
// their labels.
const listed = (page) => page.evaluate(() =>
  [...document.querySelectorAll("#rt-loops li[data-loop] .rt-members")].map((e) => e.textContent));
const shownEdges = async (page) => Object.fromEntries((await page.evaluate(() =>
  [...document.querySelectorAll("#rt-diagram g.edge:not(.rt-gone)")].map((g) => [g.id,
    g.querySelector("text") ? g.querySelector("text").textContent : null,
    g.querySelector("a").getAttributeNS("http://www.w3.org/1999/xlink", "title")])))
  .map(([id, label, tip]) => [id, [label, claimLines(tip)]]));
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

// Every element with text of its own that is shown, whose colour against
// the background behind it (the page's, or the drawing's white) falls
// short of WCAG 2's AA contrast: 4.5:1, or 3:1 for large text.
const lowContrast = (page) => page.evaluate(() => {
  const rgb = (s) => (s.match(/[\d.]+/g) || []).map(Number);
  const channel = (c) => (c /= 255) <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
  const lum = (c) => 0.2126 * channel(c[0]) + 0.7152 * channel(c[1]) + 0.0722 * channel(c[2]);
  const behind = (e) => {
    for (; e && e.nodeType === 1; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if (c.length >= 3 && (c.length < 4 || c[3] > 0)) return c;
    }
    return [255, 255, 255];
  };
  const bad = [];
  for (const e of document.querySelectorAll("body *")) {
    if (![...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim())) continue;
    if (e.getClientRects().length === 0) continue; /* not shown */
    const cs = getComputedStyle(e), svg = e instanceof SVGElement;
    const fg = rgb(svg ? cs.fill : cs.color), bg = svg ? [255, 255, 255] : behind(e);
    const hi = Math.max(lum(fg), lum(bg)), lo = Math.min(lum(fg), lum(bg));
    const ratio = (hi + 0.05) / (lo + 0.05), size = parseFloat(cs.fontSize);
    const need = size >= 24 || (+cs.fontWeight >= 700 && size >= 18.66) ? 3 : 4.5;
    if (ratio < need)
      bad.push({ text: e.textContent.trim().slice(0, 40), fg: cs.color || cs.fill, ratio: +ratio.toFixed(2) });
  }
  return bad;
});
const sortedKeys = (o) => Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]]));

// 1. The bundled dataset, as `roundtrip loops` and `roundtrip render` see it.
{
  const { page, seen, context } = await open(bundled);
  const d = await data(page);
  const cli = cliLoops(null);
  const items = await listed(page);
  const faint = await lowContrast(page);
  ok(faint.length === 0, "every text shown passes WCAG AA contrast (4.5:1, large text 3:1)",
    faint.slice(0, 5));
  ok(items.length === cli.length && items.length > 0, "the list has every loop of roundtrip loops",
    { items: items.length, cli: cli.length });
  ok(same(items, cli.map((l) => `${l.rank}. ${membersOf(l)}`)), "in roundtrip loops' order",
    { items, cli: cli.map(membersOf) });
  ok(same(sortedKeys(await shownEdges(page)), sortedKeys(cliEdges(null))),
    "the drawing shows the edges of roundtrip render, labelled alike, with the same claims");

  const wrong = [];
  for (const loop of cli) {
    await page.locator(`#rt-loops li[data-loop="${loop.rank}"]`).click();
    const want = await edgesOfCliLoop(page, loop);
    const got = await highlighted(page);
    if (want.length === 0 || !same(got, want)) wrong.push({ rank: loop.rank, got, want });
  }
  ok(wrong.length === 0, `selecting each of the ${cli.length} loops highlights exactly its hops' edges`,
    wrong);

  await page.locator('#rt-loops li[data-loop="1"]').click();
  ok(await page.locator('#rt-loops li[data-loop="1"]').getAttribute("aria-selected") === "true",
    "clicking a loop selects it");
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
  const whole = await page.locator("#rt-diagram svg").getAttribute("viewBox");
  await page.setViewportSize({ width: 390, height: 844 });
  await page.locator('#rt-loops li[data-loop="1"]').click();
  const phone = await page.evaluate(() => {
    const fig = document.getElementById("rt-diagram").getBoundingClientRect();
    const lit = [...document.querySelectorAll("#rt-diagram g.edge.highlight")]
      .map((g) => g.getBoundingClientRect());
    return {
      viewBox: document.querySelector("#rt-diagram svg").getAttribute("viewBox"),
      inside: lit.length > 0 && lit.every((r) => r.left >= fig.left - 1 && r.right <= fig.right + 1),
      before: fig.top < document.getElementById("rt-panel").getBoundingClientRect().top,
      width: fig.width,
    };
  });
  ok(phone.viewBox !== whole && +phone.viewBox.split(" ")[2] < +whole.split(" ")[2] / 2,
    "on a phone, the chosen loop is drawn alone", { whole, phone });
  ok(phone.inside && phone.before, "its edges fit the screen's width, above its claims", phone);
  await page.locator('#rt-loops li[data-loop="1"]').click(); /* a second click: still loop 1 */
  await page.setViewportSize({ width: 1280, height: 800 });
  ok(await page.locator("#rt-diagram svg").getAttribute("viewBox") === whole,
    "on a wide screen, the whole drawing again");
  await page.setViewportSize({ width: 390, height: 844 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(shots, "explorer-390x844.png") });
  await page.screenshot({ path: path.join(shots, "explorer-390x844-full.png"), fullPage: true });
  ok(seen.requests.length === 0, "the page makes no request", seen.requests);
  ok(seen.errors.length === 0, "no console error or warning (no CSP violation)", seen.errors);
  await context.close();
}

// 2. As of each date of the page: exactly what the CLI says as of it.
{
  const first = await open(bundled);
  const d = await data(first.page);
  await first.context.close();
  const dates = d.snapshots.map((s) => s.as_of).filter((x) => x !== null);
  const { page, seen, context } = await open(bundled);
  const wrongList = [], wrongEdges = [], wrongLoop = [];
  for (const date of dates) {
    await page.evaluate((h) => { location.hash = h; }, `#as-of=${date}&loop=1`);
    await page.waitForFunction((date) =>
      document.getElementById("rt-as-of-text").textContent === date, date);
    const cli = cliLoops(date);
    const items = await listed(page);
    if (!same(items, cli.map((l) => `${l.rank}. ${membersOf(l)}`)))
      wrongList.push({ date, items, cli: cli.map(membersOf) });
    const shown = sortedKeys(await shownEdges(page)), drawn = sortedKeys(cliEdges(date));
    if (!same(shown, drawn)) wrongEdges.push({ date, shown, drawn });
    if (cli.length > 0) {
      const want = await edgesOfCliLoop(page, cli[0]), got = await highlighted(page);
      if (!same(got, want)) wrongLoop.push({ date, got, want });
    }
  }
  ok(dates.length > 10, `the page has a view per date (${dates.length})`);
  ok(wrongList.length === 0, "as of each date, the list is roundtrip loops --as-of's, in order",
    wrongList.slice(0, 2));
  ok(wrongEdges.length === 0,
    "as of each date, the drawing shows the edges of render --as-of, labels and claims alike",
    wrongEdges.slice(0, 1));
  ok(wrongLoop.length === 0, "as of each date, &loop=1 highlights exactly its hops' edges",
    wrongLoop.slice(0, 2));

  // The fragment when the page opens, and the slider.
  const snaps = d.snapshots.filter((s) => s.as_of !== null && s.loops.length > 1);
  const snap = snaps[Math.floor(snaps.length / 2)];
  const again = await open(bundled, `#as-of=${snap.as_of}&loop=2`);
  ok(await again.page.locator("#rt-as-of-text").textContent() === snap.as_of,
    "a page opened at #as-of= shows the date");
  ok(await again.page.locator('#rt-loops li[data-loop="2"]').getAttribute("aria-selected") === "true",
    "&loop=2 selects that loop");
  ok((await listed(again.page)).length === cliLoops(snap.as_of).length, "and that date's loops");
  // An entity's figures are those of the date shown, not the latest.
  const latestX = d.snapshots[d.snapshots.length - 1].exposures;
  const e = snap.exposures.findIndex((x, i) =>
    x && latestX[i] && x.stakes_in !== null && x.stakes_in !== latestX[i].stakes_in);
  ok(e >= 0, "some entity's stakes in differ between that date and the latest", snap.as_of);
  if (e >= 0) {
    await again.page.locator(`#rt-diagram g.node#e${e}`).click();
    const figures = await again.page.evaluate(() => Object.fromEntries(
      [...document.querySelectorAll("#rt-panel dl.rt-figures dt")]
        .map((dt) => [dt.textContent, dt.nextElementSibling.textContent])));
    ok(figures["stakes in"] === snap.exposures[e].stakes_in,
      `${d.entities[e].name}'s stakes in are those as of ${snap.as_of}`,
      { shown: figures["stakes in"], then: snap.exposures[e].stakes_in, latest: latestX[e].stakes_in });
  }
  await again.page.locator("#rt-as-of").fill(String(d.snapshots.length - 1));
  ok((await listed(again.page)).length === cliLoops(null).length,
    "the slider moves to the latest view");
  ok(!again.page.url().includes("as-of="), "the latest view needs no as-of in the fragment",
    again.page.url());
  await again.page.screenshot({ path: path.join(shots, "explorer-as-of-1280x800.png") });
  ok(seen.errors.length + again.seen.errors.length === 0 &&
    seen.requests.length + again.seen.requests.length === 0, "still no error and no request",
    [seen, again.seen]);
  await again.context.close();
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
