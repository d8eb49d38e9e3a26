// What every browser test file shares: the service's address, the demo accounts, the browser, sign-in, the
// accessibility check and screenshots. Each file under tests/ is one service's journeys:
//
//   QONYS_URL=http://127.0.0.1:PORT QONYS_ACCOUNTS=accounts.txt node --test tests/
//
// QONYS_ACCOUNTS is the demo's start-up output (`  login / password / role / region` lines). The browser is
// Debian's chromium (never a downloaded one). Screenshots of the main pages go to ../target/e2e/.
import { before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const shots = join(here, "..", "target", "e2e");
mkdirSync(shots, { recursive: true });

export const base = process.env.QONYS_URL;
assert.ok(base, "QONYS_URL is set");
export const accounts = readFileSync(process.env.QONYS_ACCOUNTS, "utf8")
  .split("\n")
  .map((l) => l.trim().split(" / "))
  .filter((p) => p.length === 4)
  .map(([login, password, role, region]) => ({ login, password, role, region }));
export const account = (role) => {
  const a = accounts.find((x) => x.role === role);
  assert.ok(a, `a demo account with role ${role}`);
  return a;
};
// The people the demo names as not having applied yet: `  IIN / category / region` lines of the same output.
export const persons = readFileSync(process.env.QONYS_ACCOUNTS, "utf8")
  .split("\n")
  .map((l) => l.trim().split(" / "))
  .filter((p) => p.length === 3 && /^\d{12}$/.test(p[0]))
  .map(([iin, category, region]) => ({ iin, category, region }));
export const person = (category, nth = 0) => {
  const p = persons.filter((x) => x.category === category)[nth];
  assert.ok(p, `a demo person of category ${category} (#${nth})`);
  return p;
};

// The newest one-time code the sandbox SMS channel sent, read by a signed-in administrator's page.
export async function latestCode(adminPage) {
  await adminPage.goto(`${base}/ui/admin/outbox`);
  const text = await adminPage.locator("td.message-text").first().innerText();
  const code = text.match(/(\d{6})/)?.[1];
  assert.ok(code, `a code in "${text}"`);
  return code;
}

// A citizen signs in with the IIN and the one-time code sent to the phone.
export async function citizenSignIn(page, adminPage, iin) {
  await page.goto(`${base}/ui/sign-in`);
  await page.locator("#citizen-iin").fill(iin);
  await page.locator("#citizen-sign-in").click();
  await page.waitForURL(/\/ui\/sign-in\/code$/);
  await page.getByLabel(/SMS-тегі код|Код из SMS/).fill(await latestCode(adminPage));
  await page.locator("form.card button[type=submit]").click();
  await page.waitForURL(/\/ui\/cabinet$/);
}

const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

let browser;
// Starts the browser before the file's tests and closes it after them.
before(async () => {
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
});
after(async () => {
  await browser?.close();
});

// A fresh browser profile; axe is injected into pages, which the service's CSP would refuse.
export async function context() {
  return browser.newContext({ bypassCSP: true, locale: "kk-KZ" });
}

export async function signIn(page, { login, password }) {
  await page.goto(`${base}/ui/sign-in`);
  await page.getByLabel(/ЖСН, БСН немесе логин|ИИН, БИН или логин/).fill(login);
  await page.getByLabel(/Құпиясөз|Пароль/).fill(password);
  await page.locator("form[action='/ui/sign-in'] button[type=submit]").click();
}

// Zero serious or critical violations of WCAG 2.1 A/AA on the page as it stands.
export async function accessible(page, name) {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () =>
    // eslint-disable-next-line no-undef
    axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }),
  );
  const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  assert.deepEqual(
    bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
    [],
    `accessibility of ${name}`,
  );
}

export async function shot(page, name) {
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}

