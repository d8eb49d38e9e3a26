// The regional quota's journeys: a resettler applies on the portal and is included; a kandas applies at the State
// Corporation's counter and is refused on a ground of appendix 1; the counter refuses to accept an incomplete
// package with a receipt.
import { test } from "node:test";
import assert from "node:assert/strict";
import { base, account, person, context, signIn, citizenSignIn, latestCode, accessible, shot } from "../lib.mjs";

// A one-page PDF standing in for a scanned document.
const scan = {
  name: "scan.pdf",
  mimeType: "application/pdf",
  buffer: Buffer.from(
    "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj " +
      "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
  ),
};

async function staff(role) {
  const ctx = await context();
  const page = await ctx.newPage();
  await signIn(page, account(role));
  await page.waitForURL(/\/ui\/(queue|stats|cabinet)/);
  return { ctx, page };
}

// The provider records the commission's word on the case page.
async function recordCommission(page, caseUrl, outcome, protocol) {
  await page.goto(caseUrl);
  await page.locator("#commission-date").fill("2026-12-04");
  await page.locator("#commission-protocol").fill(protocol);
  await page.locator("#commission-members").fill("Ахметова Г. С.\nБекенов Н. Т.");
  await page.locator(`input[name=outcome][value=${outcome}]`).check();
  await page.locator("#record-commission").click();
  await page.waitForURL(/\/ui\/cases\/\d+/);
}

test("a resettler applies on the portal, signs with a code and is included in the quota", async () => {
  const admin = await staff("administrator");
  const applicant = person("resettler");
  const ctx = await context();
  const page = await ctx.newPage();
  await citizenSignIn(page, admin.page, applicant.iin);

  await page.goto(`${base}/ui/quota/apply`);
  assert.equal(await page.locator("#open-case").count(), 0, "no application yet");
  await shot(page, "quota-apply");
  await accessible(page, "quota application");
  // What the registries already know is shown, not asked.
  assert.match(await page.locator("#known-name").innerText(), /\S/);
  const places = await page
    .locator("#place option")
    .evaluateAll((os) => os.map((o) => o.value).filter((v) => v.startsWith("resettler:")));
  // The demo's provider is Pavlodar Region's: a place there.
  const region = account("local_executive_body").region.slice(0, 2);
  const place = places.find((v) => v.startsWith(`resettler:${region}`));
  assert.ok(place, `a place in the provider's region among ${places.join(", ")}`);
  // Nothing chosen: the form comes back with each error linked from the summary to its field.
  await page.locator("#apply-continue").click();
  await page.locator("#error-summary").waitFor();
  assert.ok((await page.locator("#error-summary a").count()) > 0);
  await accessible(page, "quota application with errors");

  await page.selectOption("#place", place);
  await page.selectOption("#employment", { label: "жұмыссыз" });
  for (const input of await page.locator("input[type=file]").all()) {
    await input.setInputFiles(scan);
  }
  for (const input of await page.locator("input[type=date][id^=valid-]").all()) {
    await input.fill("2027-12-31");
  }
  await page.locator("#consent").check();
  await page.locator("#apply-continue").click();
  await page.locator("#confirm-submit").waitFor();
  await shot(page, "quota-confirm");
  await accessible(page, "quota confirmation");
  await page.locator("#code").fill(await latestCode(admin.page));
  await page.locator("#confirm-submit").click();
  await page.waitForURL(/\/ui\/cases\/\d+/);
  const caseUrl = page.url().replace(/#.*$/, "");
  const number = await page.locator("#case-number").innerText();
  assert.match(number, /^QN-\d\d-2026-\d{6}$/);
  assert.equal(await page.locator("#case-state").innerText(), "Тіркелді");
  // A second application while this one is open is not taken: the page names the open one.
  await page.goto(`${base}/ui/quota/apply`);
  assert.match(await page.locator("#open-case").innerText(), new RegExp(number));

  // The provider of the chosen region checks the package, records the commission's word and includes.
  const provider = await staff("local_executive_body");
  await provider.page.goto(caseUrl);
  await provider.page.locator("#accept").click();
  await provider.page.waitForURL(/#case-state$/);
  assert.equal(await provider.page.locator("#case-state").innerText(), "Қаралуда");
  await recordCommission(provider.page, caseUrl, "include", "12-Қ");
  await provider.page.locator("#decide-link").click();
  await provider.page.waitForURL(/\/decide$/);
  await provider.page.locator("#preview").click();
  await provider.page.locator("#confirm-decision").waitFor();
  assert.match(await provider.page.locator("#preview-outcome").innerText(), /\S/);
  await provider.page.locator("#confirm-decision").click();
  await provider.page.waitForURL(/\/ui\/cases\/\d+/);
  assert.equal(await provider.page.locator("#case-state").innerText(), "Квотаға енгізілді");
  await shot(provider.page, "quota-included");

  // The applicant is told in the cabinet.
  await page.goto(`${base}/ui/cabinet`);
  const notices = await page.locator("ul.messages li").allInnerTexts();
  assert.ok(
    notices.some((n) => /Өңірлік квотаға енгізілдіңіз/.test(n) && n.includes(number)),
    `the inclusion notice: ${notices.join(" | ")}`,
  );
  await provider.ctx.close();
  await admin.ctx.close();
  await ctx.close();
});

test("a kandas applies at the counter and is refused on a ground of appendix 1 after the commission", async () => {
  const operator = await staff("state_corporation_operator");
  const applicant = person("kandas");
  const page = operator.page;
  await page.goto(`${base}/ui/quota/desk?iin=${applicant.iin}`);
  await page.locator("#desk-name").waitFor();
  await shot(page, "quota-desk");
  await accessible(page, "counter");
  await page.locator("input[name=category][value=kandas]").check();
  await page.locator("#territory").fill(account("state_corporation_operator").region);
  for (const box of await page.locator("input[type=checkbox][name^=presented-]").all()) {
    await box.check();
  }
  await page.locator("#consent").check();
  await page.locator("#counter-accept").click();
  await page.waitForURL(/\/ui\/cases\/\d+/);
  const caseUrl = page.url().replace(/#.*$/, "");
  assert.equal(await page.locator("#case-state").innerText(), "Қаралуда");

  const provider = await staff("local_executive_body");
  await recordCommission(provider.page, caseUrl, "refuse", "13-Қ");
  await provider.page.locator("#decide-link").click();
  await provider.page.waitForURL(/\/decide$/);
  await provider.page.locator("input[name=decision][value=refuse]").check();
  await provider.page.locator("input[name=grounds][value^=quota_k]").first().check();
  await provider.page.locator("#preview").click();
  await provider.page.locator("#confirm-decision").click();
  await provider.page.waitForURL(/\/ui\/cases\/\d+/);
  assert.equal(await provider.page.locator("#case-state").innerText(), "Бас тартылды");
  await shot(provider.page, "quota-refused");
  await accessible(provider.page, "refused case");
  await provider.ctx.close();
  // A kandas's package is not refused at the counter: the operator is told why.
  await page.goto(`${base}/ui/quota/desk?iin=${person("kandas", 2).iin}`);
  await page.locator("input[name=category][value=kandas]").check();
  await page.locator("#territory").fill(account("state_corporation_operator").region);
  await page.locator("input[name=grounds]").first().check();
  await page.locator("#counter-refuse").click();
  await page.locator("#grounds").waitFor();
  assert.match(await page.locator("#grounds").innerText(), /қоныс аударушылардың өтініштеріне/);
  await operator.ctx.close();
});

test("the counter refuses to accept a resettler's incomplete package on a ground of A 14.4, not a kandas's", async () => {
  const operator = await staff("state_corporation_operator");
  const applicant = person("resettler", 1);
  const page = operator.page;
  await page.goto(`${base}/ui/quota/desk?iin=${applicant.iin}`);
  await page.locator("#desk-name").waitFor();
  await page.locator("input[name=category][value=resettler]").check();
  await page.locator("#territory").fill(account("state_corporation_operator").region);
  await page.selectOption("#employment", { label: "жұмыссыз" });
  // Without a ground the refusal is explained, not made.
  await page.locator("#counter-refuse").click();
  await page.locator("#grounds").waitFor();
  assert.notEqual(await page.locator("#employment").inputValue(), "", "what was filled in is kept");
  await page.locator("input[name=grounds]").first().check();
  await page.locator("#counter-refuse").click();
  await page.waitForURL(/\/ui\/cases\/\d+/);
  assert.equal(await page.locator("#case-state").innerText(), "Қабылдаудан бас тартылды");
  await shot(page, "quota-not-accepted");
  await accessible(page, "not accepted");
  // A kandas's package is not refused at the counter: the operator is told why.
  await page.goto(`${base}/ui/quota/desk?iin=${person("kandas", 2).iin}`);
  await page.locator("input[name=category][value=kandas]").check();
  await page.locator("#territory").fill(account("state_corporation_operator").region);
  await page.locator("input[name=grounds]").first().check();
  await page.locator("#counter-refuse").click();
  await page.locator("#grounds").waitFor();
  assert.match(await page.locator("#grounds").innerText(), /қоныс аударушылардың өтініштеріне/);
  await operator.ctx.close();
});
