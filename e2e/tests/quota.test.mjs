// The regional quota's journeys: a resettler applies on the portal and is included; a kandas applies at the State
// Corporation's counter and is refused on a ground of appendix 1; the counter refuses to accept an incomplete
// package with a receipt; the provider refuses to accept a portal package whose documents end before the
// decision (A 15.5); "include" on an exhausted quota is explained before confirming and decides nothing by itself.
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

// A date `days` from today in Kazakhstan (UTC+5), as a date input takes it.
function dayFromToday(days) {
  return new Date(Date.now() + 5 * 3600e3 + days * 86400e3).toISOString().slice(0, 10);
}

test("the provider refuses to accept a portal package whose documents expire before the decision (A 15.5)", async () => {
  const admin = await staff("administrator");
  const applicant = person("resettler", 2);
  const ctx = await context();
  const page = await ctx.newPage();
  await citizenSignIn(page, admin.page, applicant.iin);
  await page.goto(`${base}/ui/quota/apply`);
  const region = account("local_executive_body").region.slice(0, 2);
  const place = (
    await page.locator("#place option").evaluateAll((os) => os.map((o) => o.value))
  ).find((v) => v.startsWith(`resettler:${region}`));
  assert.ok(place, "a place in the provider's region");
  await page.selectOption("#place", place);
  await page.selectOption("#employment", { label: "жұмыссыз" });
  for (const input of await page.locator("input[type=file]").all()) {
    await input.setInputFiles(scan);
  }
  // The documents are valid today but end within the days the decision may take.
  const soon = dayFromToday(2);
  for (const input of await page.locator("input[type=date][id^=valid-]").all()) {
    await input.fill(soon);
  }
  await page.locator("#consent").check();
  await page.locator("#apply-continue").click();
  await page.locator("#confirm-submit").waitFor();
  await page.locator("#code").fill(await latestCode(admin.page));
  await page.locator("#confirm-submit").click();
  await page.waitForURL(/\/ui\/cases\/\d+/);
  const caseUrl = page.url().replace(/#.*$/, "");
  const number = await page.locator("#case-number").innerText();
  assert.equal(await page.locator("#case-state").innerText(), "Тіркелді");

  // The provider refuses to accept on the ground of A 15.5 the State Corporation does not have.
  const provider = await staff("local_executive_body");
  await provider.page.goto(caseUrl);
  const refusal = provider.page.locator("form[action$='/refusal-to-accept']");
  await refusal.locator("input[name=grounds][value=quota_expiring_documents]").check();
  await shot(provider.page, "quota-provider-refusal-to-accept");
  await accessible(provider.page, "provider's check of the package");
  await provider.page.locator("#refuse-to-accept").click();
  await provider.page.waitForURL(/\/ui\/cases\/\d+/);
  assert.equal(await provider.page.locator("#case-state").innerText(), "Қабылдаудан бас тартылды");
  // The receipt (A-App 8) is in the case's file; the applicant is told in the cabinet.
  assert.match(await provider.page.locator("main").innerText(), /Құжаттарды қабылдаудан бас тарту туралы қолхат/);
  await page.goto(caseUrl);
  assert.equal(await page.locator("#case-state").innerText(), "Қабылдаудан бас тартылды");
  await page.goto(`${base}/ui/cabinet`);
  const notices = await page.locator("ul.messages li").allInnerTexts();
  assert.ok(notices.some((n) => n.includes(number)), `a notice about ${number}: ${notices.join(" | ")}`);
  await provider.ctx.close();
  await admin.ctx.close();
  await ctx.close();
});

test("'include' on an exhausted quota is explained before confirming and makes no decision by itself", async () => {
  const admin = await staff("administrator");
  const territory = account("local_executive_body").region;
  const quotas = async () => {
    const r = await admin.page.request.get(`${base}/api/v1/quotas?year=2026`);
    assert.equal(r.status(), 200);
    const q = (await r.json()).quotas.find((x) => x.territory === territory && x.category === "kandas");
    assert.ok(q, `the kandas quota of ${territory}`);
    return q;
  };
  const setTotal = async (total) => {
    await admin.page.goto(`${base}/ui/admin/law`);
    await admin.page.locator("#quota-year").fill("2026");
    await admin.page.locator("#quota-territory").fill(territory);
    await admin.page.selectOption("#quota-category", "kandas");
    await admin.page.selectOption("#quota-unit", "persons");
    await admin.page.locator("#quota-total").fill(String(total));
    await admin.page.locator("#quota-basis").fill("akimat resolution No. 12");
    await admin.page.locator("form[action='/ui/admin/quotas'] button.primary").click();
    await admin.page.waitForLoadState();
    assert.equal((await quotas()).total, total, "the quota is set");
  };
  const before = await quotas();
  // Every place of the unit's kandas quota is taken.
  await setTotal(before.allocated);
  try {
    const operator = await staff("state_corporation_operator");
    await operator.page.goto(`${base}/ui/quota/desk?iin=${person("kandas", 1).iin}`);
    await operator.page.locator("#desk-name").waitFor();
    await operator.page.locator("input[name=category][value=kandas]").check();
    await operator.page.locator("#territory").fill(territory);
    for (const box of await operator.page.locator("input[type=checkbox][name^=presented-]").all()) {
      await box.check();
    }
    await operator.page.locator("#consent").check();
    await operator.page.locator("#counter-accept").click();
    await operator.page.waitForURL(/\/ui\/cases\/\d+/);
    const caseUrl = operator.page.url().replace(/#.*$/, "");
    await operator.ctx.close();

    const provider = await staff("local_executive_body");
    await recordCommission(provider.page, caseUrl, "include", "14-Қ");
    await provider.page.locator("#decide-link").click();
    await provider.page.waitForURL(/\/decide$/);
    // The decision page already says no place is left and that ground K5 applies.
    assert.match(await provider.page.locator("#places").innerText(), /қалды: 0,/);
    assert.equal(
      await provider.page.locator("tr[data-ground=quota_k5_no_quota]").getAttribute("data-finding"),
      "applies",
    );
    await provider.page.locator("input[name=decision][value=include]").check();
    await provider.page.locator("#preview").click();
    await provider.page.locator("#preview-warning").waitFor();
    const warning = await provider.page.locator("#preview-warning").innerText();
    assert.match(warning, /0 орын қалды/, warning);
    assert.match(await provider.page.locator("#preview-outcome").innerText(), /Квотаға енгізуден бас тартылады/);
    await shot(provider.page, "quota-no-places-preview");
    await accessible(provider.page, "preview of an inclusion without places");
    const preview = provider.page.url();
    // Nothing is decided until the officer confirms: the case is still under review.
    const other = await provider.ctx.newPage();
    await other.goto(caseUrl);
    assert.equal(await other.locator("#case-state").innerText(), "Қаралуда");
    // Confirmed, the refusal cites the ground the officer was shown.
    assert.equal(provider.page.url(), preview);
    await provider.page.locator("#confirm-decision").click();
    await provider.page.waitForURL(/\/ui\/cases\/\d+/);
    assert.equal(await provider.page.locator("#case-state").innerText(), "Бас тартылды");
    assert.match(await provider.page.locator("main").innerText(), /бірлікте квота жоқ/);
    await provider.ctx.close();
  } finally {
    await setTotal(before.total);
    await admin.ctx.close();
  }
});
