// Issued documents: the service provider includes an applicant in the quota, the applicant downloads the signed
// decision from the cabinet, and the verification address its QR code carries, opened without signing in,
// shows it valid; after the inclusion is revoked, revoked.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { base, account, context, accessible, shot } from "../lib.mjs";

// Signs in with a password through the sign-in page's account form.
async function signIn(page, { login, password }) {
  await page.goto(`${base}/ui/sign-in`);
  await page.locator("#login").fill(login);
  await page.locator("#password").fill(password);
  await page.locator("form[action='/ui/sign-in'] button[type=submit]").click();
}

// Kazakhstan's civil date (UTC+5), as the service counts days.
const today = new Date(Date.now() + 5 * 3600 * 1000).toISOString().slice(0, 10);

// Signs in through the JSON API: the session cookie and the anti-CSRF token.
async function apiSession({ login, password }) {
  const r = await fetch(`${base}/api/v1/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ login, password }),
  });
  assert.equal(r.status, 200, `API sign-in of ${login}`);
  const cookie = r.headers.get("set-cookie").split(";")[0];
  const { csrf } = await r.json();
  return { cookie, csrf };
}

test("a signed decision: included, downloaded from the cabinet, verified by anyone, then revoked", async () => {
  const citizen = account("citizen");
  // The applicant's package, received at the State Corporation's counter (the setup of this journey).
  const counter = await apiSession(account("state_corporation_operator"));
  const submitted = await fetch(`${base}/api/v1/quota-applications`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      cookie: counter.cookie,
      "x-csrf-token": counter.csrf,
      "idempotency-key": `e2e-documents-${Date.now()}`,
    },
    body: JSON.stringify({
      iin: citizen.login,
      category: "resettler",
      territory: "550000000",
      channel: "state_corporation",
      employment: "9",
      consent: true,
    }),
  });
  assert.equal(submitted.status, 201, await submitted.clone().text());
  const { case: caseId, number: application, state } = await submitted.json();
  assert.equal(state, "under_review");

  // The service provider records the commission's word and includes the applicant.
  const provider = await context();
  const page = await provider.newPage();
  await signIn(page, account("local_executive_body"));
  await page.waitForURL(/\/ui\/queue/);
  await page.goto(`${base}/ui/cases/${caseId}`);
  await page.locator("#commission-date").fill(today);
  await page.locator("#commission-protocol").fill("17");
  await page.locator("#commission-members").fill("Бекова С. Ұ.\nОмаров Б. Қ.");
  await page.locator("#record-commission").click();
  await page.waitForURL(/#case-state$/);
  await page.locator("#decide-link").click();
  await page.locator("#preview").click();
  await page.locator("#confirm-decision").click();
  await page.waitForURL(/#case-state$/);
  assert.equal(await page.locator("#case-state").innerText(), "Квотаға енгізілді");
  // The acceptance notice of the counter and the decision, each with its number, downloads and verification.
  const numbers = await page.locator("tr[data-document]").evaluateAll((rows) => rows.map((r) => r.dataset.document));
  assert.equal(numbers.length, 2, `the notice and the decision: ${numbers}`);
  const decision = numbers[1];
  assert.ok(decision.startsWith(`${application}-`), decision);
  await shot(page, "case-documents");
  await accessible(page, "case page with documents");

  // The applicant, signed in with the SMS code (read from the sandbox outbox by the administrator).
  const admin = await context();
  const adminPage = await admin.newPage();
  await signIn(adminPage, account("administrator"));
  await adminPage.waitForURL(/\/ui\/queue/);
  const mine = await context();
  const own = await mine.newPage();
  await signIn(own, citizen);
  await own.waitForURL(/\/ui\/sign-in\/code$/);
  await adminPage.goto(`${base}/ui/admin/outbox`);
  const text = await adminPage.locator("td.message-text").first().innerText();
  const code = text.match(/\b(\d{6})\b/)?.[1];
  assert.ok(code, `a code in "${text}"`);
  await own.getByLabel("SMS-тегі код").fill(code);
  await own.locator("form.card button[type=submit]").click();
  await own.waitForURL(/\/ui\/cabinet$/);
  await own.getByRole("link", { name: application }).click();
  await own.waitForURL(/\/ui\/cases\/\d+$/);
  const row = own.locator(`tr[data-document="${decision}"]`);
  const [download] = await Promise.all([
    own.waitForEvent("download"),
    row.getByRole("link", { name: "PDF (қазақша)" }).click(),
  ]);
  const pdf = readFileSync(await download.path());
  assert.equal(pdf.subarray(0, 5).toString("latin1"), "%PDF-", "a PDF");
  assert.ok(pdf.includes("adbe.pkcs7.detached"), "signed");
  // The verification address of the QR code.
  const href = await row.getByRole("link", { name: "Құжаттың түпнұсқалығын тексеру" }).getAttribute("href");
  assert.equal(href, `/verify/${decision}`);

  // Anyone, not signed in: valid; the downloaded file is the original.
  const anyone = await context();
  const check = await anyone.newPage();
  const opened = await check.goto(`${base}${href}`);
  assert.equal(opened.status(), 200);
  assert.equal(await check.locator("#document-number").innerText(), decision);
  assert.equal(await check.locator("#document-status").getAttribute("data-status"), "valid");
  assert.equal(await check.locator("#document-status").innerText(), "Жарамды");
  assert.equal(await check.locator("text=/\\b\\d{12}\\b/").count(), 0, "no IIN on the page");
  await check.locator("#file").setInputFiles({ name: "decision.pdf", mimeType: "application/pdf", buffer: pdf });
  await check.getByRole("button", { name: "Тексеру", exact: true }).click();
  assert.equal(await check.locator("#upload-verdict").getAttribute("data-original"), "true");
  await shot(check, "verify-valid");
  await accessible(check, "verification page");
  // A file changed by one byte is not the original.
  const changed = Buffer.from(pdf);
  changed[Math.floor(changed.length / 2)] ^= 1;
  await check.locator("#file").setInputFiles({ name: "changed.pdf", mimeType: "application/pdf", buffer: changed });
  await check.getByRole("button", { name: "Тексеру", exact: true }).click();
  assert.equal(await check.locator("#upload-verdict").getAttribute("data-original"), "false");

  // The provider revokes the inclusion: its decision is revoked, with the reason.
  await page.goto(`${base}/ui/cases/${caseId}`);
  await page.locator("#revoke-reason").fill("жалған мәліметтер ұсынылды");
  await page.locator("#revoke").click();
  await page.waitForURL(/#case-state$/);
  assert.equal(await page.locator("#case-state").innerText(), "Шешімнің күші жойылды");
  await check.goto(`${base}${href}`);
  assert.equal(await check.locator("#document-status").getAttribute("data-status"), "revoked");
  assert.equal(await check.locator("#document-reason").innerText(), "жалған мәліметтер ұсынылды");
  await shot(check, "verify-revoked");

  await provider.close();
  await admin.close();
  await mine.close();
  await anyone.close();
});
