// Voluntary resettlement (Rules B p.24, order No. 359 appendices 10 and 11): a citizen applies on the portal,
// the career centre records the regional commission's decision, refers, registers the referral's tear-off
// notification and concludes the social contract; the participant gives notice of a move within the region,
// and the centre concludes the new contract.
import { test } from "node:test";
import assert from "node:assert/strict";
import { base, account, context, signIn, accessible, shot } from "../lib.mjs";

// A civil date `days` from today, as a date input takes it.
function inDays(days) {
  const d = new Date(Date.now() + days * 24 * 3600 * 1000);
  return d.toISOString().slice(0, 10);
}

// Submits a form by its button and waits for the page it leads to.
async function submit(page, button) {
  await Promise.all([page.waitForNavigation(), page.locator(button).click()]);
}

// Signs the demo citizen in, reading the one-time code from the sandbox SMS as the administrator.
async function signInCitizen(page, adminPage) {
  await signIn(page, account("citizen"));
  await page.waitForURL(/\/ui\/sign-in\/code$/);
  await adminPage.goto(`${base}/ui/admin/outbox`);
  const text = await adminPage.locator("td.message-text").first().innerText();
  const code = text.match(/(\d{6})/)?.[1];
  assert.ok(code, `a code in "${text}"`);
  await page.getByLabel("SMS-тегі код").fill(code);
  await page.locator("form.card button[type=submit]").click();
  await page.waitForURL(/\/ui\/cabinet$/);
}

test("resettlement: application → commission → referral → tear-off → social contract → move notice → new contract", async () => {
  const admin = await context();
  const adminPage = await admin.newPage();
  await signIn(adminPage, account("administrator"));
  await adminPage.waitForURL(/\/ui\/queue/);

  // The citizen applies on the portal to the career centre of North Kazakhstan.
  const citizen = await context();
  const person = await citizen.newPage();
  await signInCitizen(person, adminPage);
  await person.goto(`${base}/ui/resettlement/apply`);
  await accessible(person, "resettlement application");
  await person.locator("#territory").fill("59");
  await submit(person, "#resettlement-apply");
  assert.ok(await person.locator("#territory-error").isVisible(), "a malformed territory is explained");
  await person.locator("#territory").fill("590000000");
  await submit(person, "#resettlement-apply");
  assert.match(person.url(), /\/ui\/cases\/\d+#case-state$/);
  const casePath = new URL(person.url()).pathname;
  assert.equal(await person.locator("#case-state").innerText(), "Өтініш берілді");
  const number = await person.locator("#case-number").innerText();
  assert.match(number, /^QN-59-\d{4}-\d{6}$/);
  await shot(person, "resettlement-applied");

  // The career centre of the region finds it by its number and records the commission's decision.
  const centreCtx = await context();
  const centre = await centreCtx.newPage();
  await signIn(centre, account("career_centre"));
  await centre.waitForURL(/\/ui\/queue/);
  await centre.goto(`${base}/ui/queue?number=${number}`);
  await centre.waitForURL(new RegExp(`${casePath}$`));
  await accessible(centre, "resettlement case, commission");
  await centre.locator("#commission-date").fill(inDays(0));
  await centre.locator("#commission-protocol").fill("12");
  await centre.locator("#commission-members").fill("Ахметова Г. С.\nБекенов Н. Т.\nСейітова А. Қ.");
  await submit(centre, "#record-commission");
  assert.match(centre.url(), /#case-state$/);
  assert.equal(await centre.locator("#case-state").innerText(), "Қатысушы");

  // The referral to the settlement of destination.
  await centre.locator("#referral-destination").fill("591010000");
  await centre.locator("#referral-occupation").fill("дәнекерлеуші");
  await centre.locator("#referral-family").fill("2");
  await shot(centre, "resettlement-referral");
  await submit(centre, "#refer");
  assert.match(centre.url(), /#case-state$/);
  assert.equal(await centre.locator("#case-state").innerText(), "Қоныс аударуға жолдама берілді");
  const main = await centre.locator("main").innerText();
  const referral = `${number}/1`;
  assert.ok(main.includes(referral), `the referral's number on the case page: ${main}`);

  // The tear-off notification comes back: a number of another referral is refused, the right one matched.
  await accessible(centre, "resettlement case, tear-off");
  await centre.locator("#tear-off-number").fill(`${number}/2`);
  await submit(centre, "#tear-off");
  assert.match(await centre.locator("main").innerText(), /Хабарламадағы нөмір осы істің жолдамасының нөміріне сәйкес келмейді/);
  await centre.goto(`${base}${casePath}`);
  await centre.locator("#tear-off-number").fill(referral);
  await submit(centre, "#tear-off");
  assert.match(centre.url(), /#case-state$/);
  assert.equal(await centre.locator("#case-state").innerText(), "Жолдамаға хабарлама қайтарылды");

  // The social contract.
  await centre.locator("#contract-number").fill("ӘК-17");
  await centre.locator("#contract-date").fill(inDays(0));
  await submit(centre, "#contract");
  assert.match(centre.url(), /#case-state$/);
  assert.equal(await centre.locator("#case-state").innerText(), "Әлеуметтік келісімшарт жасалды");
  assert.equal(await centre.locator("form[action*='/move-notice']").count(), 0, "the move is the participant's to notify");

  // The participant sees the contract and gives notice of a move twenty days ahead.
  await person.goto(`${base}${casePath}`);
  assert.match(await person.locator("main").innerText(), /ӘК-17/);
  await accessible(person, "resettlement case, move notice");
  await person.locator("#move-on").fill(inDays(20));
  await person.locator("#move-reasons").fill("Жұмыс орны басқа ауданға ауысты");
  await shot(person, "resettlement-move-notice");
  await submit(person, "#move-notice");
  assert.match(person.url(), /#case-state$/);
  assert.equal(await person.locator("#case-state").innerText(), "Өңір ішінде көшу туралы хабарланды");

  // The career centre concludes the new contract at the new place.
  await centre.goto(`${base}${casePath}`);
  assert.match(await centre.locator("main").innerText(), /Жұмыс орны басқа ауданға ауысты/);
  await centre.locator("#contract-number").fill("ӘК-29");
  await centre.locator("#contract-date").fill(inDays(20));
  await submit(centre, "#contract");
  assert.match(centre.url(), /#case-state$/);
  assert.equal(await centre.locator("#case-state").innerText(), "Әлеуметтік келісімшарт жасалды");
  assert.match(await centre.locator("main").innerText(), /ӘК-29/);
  await shot(centre, "resettlement-new-contract");

  await centreCtx.close();
  await citizen.close();
  await admin.close();
});
