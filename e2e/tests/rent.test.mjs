// Rent compensation and the relocation subsidy: the citizen's combined application, the career centre sends it
// on, the Labour Mobility Centre grants both from the case page, runs the month's payroll twice (the month is
// paid once), downloads the pain.001 bank file, uploads the bank's camt.054 (the relocation subsidy booked, the
// rent month returned for a closed account), and the citizen sees each payment with its status.
import { test } from "node:test";
import assert from "node:assert/strict";
import { base, accounts, account, context, accessible, shot } from "../lib.mjs";

// Signing in with a login and password (the page also offers a citizen's sign-in by IIN alone).
async function signIn(page, { login, password }) {
  await page.goto(`${base}/ui/sign-in`);
  await page.locator("#login").fill(login);
  await page.locator("#password").fill(password);
  await page.locator("form[action='/ui/sign-in'] button[type=submit]").click();
}

const byLogin = (login) => {
  const a = accounts.find((x) => x.login === login);
  assert.ok(a, `the demo account ${login}`);
  return a;
};

// The citizen signs in with the code the sandbox SMS brought (read by the administrator in demo mode).
async function citizenPage() {
  const admin = await context();
  const adminPage = await admin.newPage();
  await signIn(adminPage, account("administrator"));
  await adminPage.waitForURL(/\/ui\/queue/);
  const ctx = await context();
  const page = await ctx.newPage();
  await signIn(page, account("citizen"));
  await page.waitForURL(/\/ui\/sign-in\/code$/);
  await adminPage.goto(`${base}/ui/admin/outbox`);
  const text = await adminPage.locator("td.message-text").first().innerText();
  const code = text.match(/(\d{6})/)?.[1];
  assert.ok(code, `a code in "${text}"`);
  await admin.close();
  await page.getByLabel("SMS-тегі код").fill(code);
  await page.locator("form.card button[type=submit]").first().click();
  await page.waitForURL(/\/ui\/cabinet$/);
  return { ctx, page };
}

async function staffPage(who) {
  const ctx = await context();
  const page = await ctx.newPage();
  await signIn(page, who);
  await page.waitForURL(/\/ui\/queue/);
  return { ctx, page };
}

// A camt.054.001.08 notification with one entry per [order id, amount, return reason or null].
function notification(entries) {
  const ntry = entries
    .map(([id, amount, reason], i) => {
      const ind = reason ? "CRDT" : "DBIT";
      const fmly = reason ? "RRTN" : "DMCT";
      const rtr = reason ? `<RtrInf><Rsn><Cd>${reason}</Cd></Rsn></RtrInf>` : "";
      return `<Ntry><NtryRef>${i + 1}</NtryRef><Amt Ccy="KZT">${amount}</Amt><CdtDbtInd>${ind}</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts><BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>ICDT</Cd><SubFmlyCd>${fmly}</SubFmlyCd></Fmly></Domn></BkTxCd><NtryDtls><TxDtls><Refs><InstrId>${id}/01</InstrId><EndToEndId>${id}</EndToEndId></Refs><Amt Ccy="KZT">${amount}</Amt><CdtDbtInd>${ind}</CdtDbtInd>${rtr}</TxDtls></NtryDtls></Ntry>`;
    })
    .join("");
  return `<?xml version="1.0" encoding="UTF-8"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.08"><BkToCstmrDbtCdtNtfctn><GrpHdr><MsgId>E2E-1</MsgId><CreDtTm>2026-03-20T18:00:00+05:00</CreDtTm></GrpHdr><Ntfctn><Id>E2E-1-1</Id><CreDtTm>2026-03-20T18:00:00+05:00</CreDtTm><Acct><Id><IBAN>KZ94070105KSN0000001</IBAN></Id></Acct>${ntry}</Ntfctn></BkToCstmrDbtCdtNtfctn></Document>`;
}

test("rent and relocation: applied, sent on, granted, paid once, sent to the bank, reconciled", async () => {
  // The citizen applies for both, included in the quota a month ago.
  const { ctx, page } = await citizenPage();
  await page.locator("#nav-rent-apply").click();
  await page.waitForURL(/\/ui\/rent\/apply$/);
  await accessible(page, "rent application");
  const included = new Date(Date.now() - 30 * 24 * 3600 * 1000).toISOString().slice(0, 10);
  await page.locator("#territory").fill("550000000");
  await page.locator("#included_on").fill(included);
  await page.locator("#family").fill("3");
  await page.locator("#account").fill("KZ12");
  await page.locator("#relocation").check();
  await page.locator("#submit").click();
  // A bad account is explained, nothing is filed.
  await page.locator("#error-summary").waitFor();
  assert.match(await page.locator("#error-summary").innerText(), /IBAN/);
  await page.locator("#account").fill("KZ18722S000012345678");
  await page.locator("#relocation").check();
  await page.locator("#submit").click();
  await page.locator("#applied").waitFor();
  const applied = await page.locator("#applied li").allInnerTexts();
  assert.equal(applied.length, 2, applied.join(" | "));
  const [rentNumber, relocNumber] = applied.map((t) => t.match(/QN-\d\d-\d{4}-\d{6}/)?.[0]);
  assert.ok(rentNumber && relocNumber, applied.join(" | "));
  await shot(page, "rent-applied");

  // The cases are in the cabinet.
  await page.goto(`${base}/ui/cabinet`);
  const link = async (number) =>
    (await page.locator("table.cases a", { hasText: number }).first().getAttribute("href")).match(/\/ui\/cases\/(\d+)/)[1];
  const rentId = await link(rentNumber);
  const relocId = await link(relocNumber);

  // The career centre of Pavlodar sends the rent application on to the Labour Mobility Centre.
  const cc = await staffPage(byLogin("demo.cc.pavlodar"));
  await cc.page.goto(`${base}/ui/cases/${rentId}`);
  await cc.page.locator("#rent-forward").click();
  await cc.page.waitForURL(new RegExp(`/ui/cases/${rentId}`));
  await cc.ctx.close();

  // The centre grants both from the case pages.
  const lmc = await staffPage(account("labour_mobility_centre"));
  await lmc.page.goto(`${base}/ui/cases/${rentId}`);
  await shot(lmc.page, "rent-case-under-review");
  await accessible(lmc.page, "rent case for the centre");
  await lmc.page.locator("#rent-grant").click();
  await lmc.page.waitForURL(new RegExp(`/ui/cases/${rentId}`));
  await lmc.page.goto(`${base}/ui/cases/${relocId}`);
  await lmc.page.locator("#relocation-grant").click();
  await lmc.page.waitForURL(new RegExp(`/ui/cases/${relocId}`));

  // The month's payroll, twice: the second run pays nothing new.
  await lmc.page.locator("#nav-payroll").click();
  await lmc.page.waitForURL(/\/ui\/rent\/payroll$/);
  await accessible(lmc.page, "payroll");
  await lmc.page.locator("#run-payroll").click();
  await lmc.page.locator("#payroll-result").waitFor();
  const first = await lmc.page.locator("#payroll-result").innerText();
  assert.match(first, /Тағайындалды: [1-9]/, first);
  await lmc.page.locator("#run-payroll").click();
  await lmc.page.locator("#payroll-result").waitFor();
  const second = await lmc.page.locator("#payroll-result").innerText();
  assert.match(second, /Тағайындалды: 0;/, second);
  await shot(lmc.page, "payroll");

  // The bank file: pain.001 with the month and the relocation subsidy.
  const [download] = await Promise.all([lmc.page.waitForEvent("download"), lmc.page.locator("#export").click()]);
  const xml = await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString("utf8"));
  assert.match(xml, /pain\.001\.001\.09/);
  const orders = [...xml.matchAll(/<EndToEndId>([^<]+)<\/EndToEndId>[\s\S]*?<InstdAmt Ccy="KZT">([^<]+)<\/InstdAmt>/g)].map((m) => [
    m[1],
    m[2],
  ]);
  const rentOrder = orders.find(([id]) => id.startsWith(`${rentNumber}-R`));
  const relocOrder = orders.find(([id]) => id === `${relocNumber}-RL`);
  assert.ok(rentOrder && relocOrder, orders.map((o) => o[0]).join(","));

  // A second file has nothing left to send.
  await lmc.page.goto(`${base}/ui/rent/payroll`);
  await lmc.page.locator("#export").click();
  await lmc.page.locator("#payroll-error").waitFor();

  // The bank books the relocation subsidy and returns the rent month: the account is closed.
  await lmc.page.goto(`${base}/ui/rent/payroll`);
  await lmc.page.locator("#notification").setInputFiles({
    name: "camt054.xml",
    mimeType: "application/xml",
    buffer: Buffer.from(notification([
      [relocOrder[0], relocOrder[1], null],
      [rentOrder[0], rentOrder[1], "AC04"],
    ])),
  });
  await lmc.page.locator("#import").click();
  await lmc.page.locator("#outcomes").waitFor();
  assert.equal(await lmc.page.locator(`#outcomes li[data-outcome=paid]`).count(), 1);
  assert.equal(await lmc.page.locator(`#outcomes li[data-outcome=returned]`).count(), 1);
  await shot(lmc.page, "bank-reconciled");
  await lmc.page.goto(`${base}/ui/cases/${relocId}`);
  assert.match(await lmc.page.locator("main").innerText(), /Төленді/);

  // The citizen sees both payments with what the bank said, and gives a new account for the returned one.
  await page.locator("#nav-rent-payments").click();
  await page.waitForURL(/\/ui\/rent\/payments$/);
  assert.equal(await page.locator("#payments-table tr[data-status=paid]").count(), 1);
  assert.equal(await page.locator("#payments-table tr[data-status=returned]").count(), 1);
  await shot(page, "rent-payments");
  await accessible(page, "payments");
  await page.locator(`#account-${rentId}`).fill("KZ86125KZT5004100100");
  await page.locator(`#new-account-${rentId} button`).click();
  await page.waitForURL(/\/ui\/rent\/payments$/);
  assert.equal(await page.locator("#payments-table tr[data-status=returned]").count(), 0);
  assert.equal(await page.locator("#payments-table tr[data-status=scheduled]").count(), 1);
  await ctx.close();

  // The month goes out once more: the same order, its second attempt, to the new account.
  await lmc.page.goto(`${base}/ui/rent/payroll`);
  const [again] = await Promise.all([lmc.page.waitForEvent("download"), lmc.page.locator("#export").click()]);
  const xml2 = await (await again.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString("utf8"));
  assert.ok(xml2.includes(`<InstrId>${rentOrder[0]}/02</InstrId>`), xml2);
  assert.ok(xml2.includes("KZ86125KZT5004100100"));
  assert.ok(!xml2.includes(relocOrder[0]), "the paid subsidy is not sent again");
  await lmc.ctx.close();
});
