// The platform's journeys: sign-in, the queue, the cabinet, roles, administration, the API documentation.
import { test } from "node:test";
import assert from "node:assert/strict";
import { base, account, context, signIn, accessible, shot } from "../lib.mjs";

test("the sign-in page is in Kazakh and accessible", async () => {
  const ctx = await context();
  const page = await ctx.newPage();
  await page.goto(`${base}/`);
  assert.match(page.url(), /\/ui\/sign-in$/);
  assert.equal(await page.getAttribute("html", "lang"), "kk");
  assert.equal(await page.locator("h1").innerText(), "Жүйеге кіру");
  await shot(page, "sign-in");
  await accessible(page, "sign-in");
  await signIn(page, { login: "nobody", password: "wrong" });
  assert.match(await page.locator("#login-error").innerText(), /Логин немесе құпиясөз қате/);
  await ctx.close();
});

test("staff: queue, language switch, an invalid IIN refused next to its field, a case page", async () => {
  const ctx = await context();
  const page = await ctx.newPage();
  await signIn(page, account("state_corporation_operator"));
  await page.waitForURL(/\/ui\/queue/);
  // The operator's own queue may be empty: every case of the region.
  await page.goto(`${base}/ui/queue?state=`);
  assert.equal(await page.locator("h1").innerText(), "Жұмыс кезегі");
  const rows = page.locator("table.cases tbody tr");
  assert.ok((await rows.count()) > 0, "the queue shows the region's cases");
  await shot(page, "queue-kk");
  await accessible(page, "queue");

  // The switch changes the language and the account remembers it.
  await page.locator("#lang-switch").click();
  await page.waitForLoadState();
  assert.equal(await page.locator("h1").innerText(), "Рабочая очередь");
  assert.equal(await page.getAttribute("html", "lang"), "ru");
  await shot(page, "queue-ru");
  await page.goto(`${base}/ui/queue`);
  assert.equal(await page.locator("h1").innerText(), "Рабочая очередь", "remembered");
  await page.locator("#lang-switch").click();
  await page.waitForLoadState();
  assert.equal(await page.locator("h1").innerText(), "Жұмыс кезегі");

  // Filtering by state (a plain GET form; htmx swaps the table when present).
  await page.selectOption("#state", "included");
  await page.waitForURL(/state=included/);
  // Staff see the applicant (name and masked IIN) in the second column; the state is the fourth.
  const states = await page.locator("table.cases tbody tr td:nth-child(4)").allInnerTexts();
  assert.ok(states.length > 0 && states.every((s) => s === "Квотаға енгізілді"), states.join(","));

  // The counter's look-up with a bad IIN: the Kazakh message next to the field and in the summary.
  await page.goto(`${base}/ui/quota/desk`);
  await page.locator("#iin").fill("12345");
  await page.locator("#desk-find").click();
  await page.waitForURL(/iin=12345/);
  assert.equal(await page.locator("#iin-error").innerText(), "ЖСН 12 цифрдан тұруы керек");
  assert.equal(await page.getAttribute("#iin", "aria-invalid"), "true");
  assert.equal(await page.locator("#error-summary a[href='#iin']").count(), 1);
  await shot(page, "desk-error");
  await accessible(page, "counter look-up with errors");

  // A case page: facts with their sources, deadlines explained, the timeline.
  await page.goto(`${base}/ui/queue?state=`);
  await page.locator("table.cases tbody tr td a").first().click();
  await page.waitForURL(/\/ui\/cases\/\d+$/);
  assert.match(await page.locator("#case-number").innerText(), /^QN-\d\d-2026-\d{6}$/);
  assert.ok((await page.locator("ol.timeline li").count()) >= 1);
  await shot(page, "case");
  await accessible(page, "case page");

  // The same case found by its number from the queue; a malformed number explained next to the field.
  const caseUrl = page.url();
  const number = await page.locator("#case-number").innerText();
  await page.goto(`${base}/ui/queue`);
  await page.locator("#number").fill(number.toLowerCase());
  await page.locator("form[role=search] button").click();
  await page.waitForURL(caseUrl);
  await page.goto(`${base}/ui/queue`);
  await page.locator("#number").fill("QN-12");
  await page.locator("form[role=search] button").click();
  await page.locator("#number-error").waitFor();
  assert.equal(await page.getAttribute("#number", "aria-invalid"), "true");
  await accessible(page, "queue with a malformed application number");
  await ctx.close();
});

test("applicant: sign-in confirmed by SMS code, own cabinet, another's case refused", async () => {
  const admin = await context();
  const adminPage = await admin.newPage();
  await signIn(adminPage, account("administrator"));
  await adminPage.waitForURL(/\/ui\/queue/);

  const ctx = await context();
  const page = await ctx.newPage();
  await signIn(page, account("citizen"));
  await page.waitForURL(/\/ui\/sign-in\/code$/);
  await shot(page, "sign-in-code");
  await accessible(page, "one-time code");

  // The sandbox SMS channel: the administrator reads the code in demo mode.
  await adminPage.goto(`${base}/ui/admin/outbox`);
  const text = await adminPage.locator("td.message-text").first().innerText();
  const code = text.match(/(\d{6})/)?.[1];
  assert.ok(code, `a code in "${text}"`);
  await shot(adminPage, "admin-outbox");
  await accessible(adminPage, "outbox");
  await adminPage.goto(`${base}/ui/admin/law`);
  await shot(adminPage, "admin-law");
  await accessible(adminPage, "law parameters");

  await page.getByLabel("SMS-тегі код").fill(code === "000000" ? "111111" : "000000");
  await page.locator("form.card button[type=submit]").click();
  assert.match(await page.locator("#code-error").innerText(), /Код сәйкес келмейді/);
  await page.getByLabel("SMS-тегі код").fill(code);
  await page.locator("form.card button[type=submit]").click();
  await page.waitForURL(/\/ui\/cabinet$/);
  const mine = await page.locator("table.cases tbody tr td a").evaluateAll((as) =>
    as.map((a) => a.getAttribute("href")),
  );
  assert.ok(mine.length >= 1, "the applicant's applications");
  // The demo included the applicant's application: the notice is in the cabinet, and went out by SMS.
  const notices = await page.locator("ul.messages li").allInnerTexts();
  assert.ok(
    notices.some((n) => /Өңірлік квотаға енгізілдіңіз/.test(n)),
    `the inclusion notice in the cabinet: ${notices.join(" | ")}`,
  );
  await adminPage.goto(`${base}/ui/admin/outbox`);
  const sms = await adminPage.locator("tbody tr").evaluateAll((rows) =>
    rows.map((r) => Array.from(r.querySelectorAll("td")).map((td) => td.innerText)),
  );
  assert.ok(
    sms.some(([, , channel, text]) => channel === "SMS" && /Өңірлік квотаға енгізілдіңіз/.test(text)),
    "the inclusion notice in the sandbox SMS",
  );
  await shot(page, "cabinet");
  await accessible(page, "cabinet");
  const own = await page.goto(`${base}${mine[0]}`);
  assert.equal(own.status(), 200);

  // Someone else's case, taken from the staff queue: the same answer as a case that does not exist.
  const staff = await adminPage.goto(`${base}/ui/queue`);
  assert.equal(staff.status(), 200);
  const all = await adminPage
    .locator("table.cases tbody tr td a")
    .evaluateAll((as) => as.map((a) => a.getAttribute("href")));
  const foreign = all.find((href) => !mine.includes(href));
  assert.ok(foreign, "a case of another applicant");
  const refused = await page.goto(`${base}${foreign}`);
  assert.equal(refused.status(), 404);
  assert.match(await page.locator("main").innerText(), /Бет табылмады/);
  await shot(page, "foreign-case-refused");
  // The staff queue is not for applicants either.
  const queue = await page.goto(`${base}/ui/queue`);
  assert.equal(queue.status(), 404);
  await admin.close();
  await ctx.close();
});

test("analyst: figures only, no personal data", async () => {
  const ctx = await context();
  const page = await ctx.newPage();
  await signIn(page, account("analyst"));
  await page.waitForURL(/\/ui\/stats$/);
  assert.equal(await page.locator("h1").innerText(), "Жиынтық көрсеткіштер");
  const body = await page.locator("main").innerText();
  assert.ok(!/\b\d{12}\b/.test(body), "no IIN on the page");
  assert.ok((await page.locator("tbody tr").count()) > 0);
  await shot(page, "stats");
  await accessible(page, "figures");
  assert.equal((await page.goto(`${base}/ui/queue`)).status(), 404, "no queue of cases");
  await ctx.close();
});

test("service provider: the commission's word first, then the grounds weighed, a refusal previewed and made", async () => {
  const ctx = await context();
  const page = await ctx.newPage();
  await signIn(page, account("local_executive_body"));
  await page.waitForURL(/\/ui\/queue/);
  await page.goto(`${base}/ui/queue?state=under_review`);
  await page.locator("table.cases tbody a").first().click();
  await page.waitForURL(/\/ui\/cases\/\d+$/);
  const caseUrl = page.url();
  assert.equal(await page.locator("#case-state").innerText(), "Қаралуда");
  await accessible(page, "case page with decisions");

  // Without the commission's word the preview says why and offers no confirmation.
  await page.locator("#decide-link").click();
  await page.waitForURL(/\/decide$/);
  assert.equal(await page.locator("#commission-missing").count(), 1);
  await page.locator("input[name=decision][value=refuse]").check();
  await page.locator("input[name=grounds]").first().check();
  await page.locator("#preview").click();
  await page.locator("#preview-warning").waitFor();
  assert.match(await page.locator("#preview-warning").innerText(), /комиссия/i);
  assert.equal(await page.locator("#confirm-decision").count(), 0, "nothing to confirm");

  // The commission's word, recorded from its protocol on the case page.
  await page.goto(caseUrl);
  await page.locator("#commission-date").fill("2026-12-04");
  await page.locator("#commission-protocol").fill("7-К");
  await page.locator("#commission-members").fill("Commission of the region (demo)");
  await page.locator("input[name=outcome][value=refuse]").check();
  await page.locator("#record-commission").click();
  await page.waitForURL(/\/ui\/cases\/\d+/);

  await page.locator("#decide-link").click();
  await page.waitForURL(/\/decide$/);
  assert.equal(await page.locator("#commission-missing").count(), 0);
  assert.ok((await page.locator("tr[data-ground]").count()) > 0, "every ground weighed against the facts");
  await shot(page, "decide");
  await accessible(page, "decision page");
  await page.locator("input[name=decision][value=refuse]").check();
  await page.locator("input[name=grounds]").first().check();
  await page.locator("#preview").click();
  await page.locator("#confirm-decision").waitFor();
  assert.match(await page.locator("#preview-outcome").innerText(), /бас тартылады/);
  await shot(page, "decision-preview");
  await accessible(page, "decision preview");
  await page.locator("#confirm-decision").click();
  await page.waitForURL(/\/ui\/cases\/\d+/);
  assert.equal(await page.locator("#case-state").innerText(), "Бас тартылды");
  assert.equal(await page.locator("#decide-link").count(), 0, "nothing left to decide");
  await ctx.close();
});

test("administrator: a transfer of a day off entered, a refused one explained, accounts listed", async () => {
  const ctx = await context();
  const page = await ctx.newPage();
  await signIn(page, account("administrator"));
  await page.waitForURL(/\/ui\/queue/);
  await page.goto(`${base}/ui/admin/law`);
  // A transfer onto a weekday: refused, the error summary links to the field.
  await page.locator("#transfer-day_off").fill("2027-01-08");
  await page.locator("#transfer-working_day").fill("2027-01-11");
  await page.locator("#transfer-act").fill("Government decree (demo)");
  await page.locator("#transfer-source").fill("gov.kz");
  await page.locator("form[action='/ui/admin/law/transfers'] button.primary").click();
  const summary = page.locator("#transfer-errors");
  await summary.waitFor();
  assert.match(await summary.innerText(), /Заң бұл өзгерісті қабылдамайды/);
  await accessible(page, "law page with an error");
  // Onto a Saturday, previewed first: the deadlines it would move (the demo's depend on today), nothing made yet.
  await page.locator("#transfer-working_day").fill("2027-01-16");
  await page.locator("form[action='/ui/admin/law/transfers'] button[name=preview]").click();
  const preview = page.locator("#preview");
  await preview.waitFor();
  assert.match(await preview.innerText(), /Бұл өзгеріс енгізілсе, жүріп жатқан мерзімдер/);
  assert.equal(await page.locator("#amendments ~ table").count(), 0, "no amendment made by the preview");
  assert.equal(await page.locator("#transfer-working_day").inputValue(), "2027-01-16", "the form keeps its values");
  await shot(page, "admin-law-preview");
  await accessible(page, "law page with a preview");
  // Then made: recorded, listed, in force.
  await page.locator("form[action='/ui/admin/law/transfers'] button.primary").click();
  await page.waitForURL(/done=amended/);
  assert.match(
    await page.locator("#amendments ~ table tbody").first().innerText(),
    /Демалыс күні ауыстырылды: 2027 ж\. 8 қаңтар демалыс, 2027 ж\. 16 қаңтар жұмыс күні/,
  );
  await shot(page, "admin-law-amended");
  await accessible(page, "law page after an amendment");
  await page.goto(`${base}/ui/admin/users`);
  assert.ok((await page.locator("tbody tr").count()) >= 10, "the demo accounts are listed");
  await shot(page, "admin-users");
  await accessible(page, "accounts");
  await ctx.close();
});

test("employer: the organisation of the representative's BIN", async () => {
  const ctx = await context();
  const page = await ctx.newPage();
  const employer = account("employer");
  assert.match(employer.login, /^\d{12}$/, "an employer signs in with a BIN");
  await signIn(page, employer);
  await page.waitForURL(/\/ui\/cabinet$/);
  const organisation = page.locator("#organisation").locator("xpath=..");
  assert.match(await organisation.innerText(), new RegExp(`БСН ${employer.login}`));
  await shot(page, "employer-cabinet");
  await accessible(page, "employer cabinet");
  await ctx.close();
});

test("Swagger UI is served from the vendored bundle", async () => {
  const ctx = await context();
  const page = await ctx.newPage();
  await page.goto(`${base}/api/docs`);
  await page.locator(".swagger-ui .info .title").waitFor();
  assert.match(await page.locator(".swagger-ui .info .title").innerText(), /Qonys/);
  await shot(page, "api-docs");
  await ctx.close();
});
