// The employee journey in real headless Chromium against the real server (embedded dev tenant + Cosmos):
// an admin opens a cohort through the API; an employee signs in with the dev sign-in, sees why they may
// join as a mentor but not as a mentee, fills the enrolment form (catalog skills, free tags, languages,
// consent), gets field errors next to the fields for bad input, enrols, changes the enrolment, and leaves
// it (the confirmation says what is erased, and it is). Screens are checked with axe and photographed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Locator, Page } from "playwright-core";
import { startAppTarget, type AppTarget, type TargetPerson } from "./support/app-target.js";
import { launchBrowser, type Browser } from "./support/browser.js";
import { apiAs, openCohort, type ApiCaller } from "./support/programme-seed.js";
import { saveScreenshot } from "./support/screenshots.js";
import { withSignedInPage } from "./support/signed-in-page.js";
import { tabUntil } from "./support/keyboard.js";
import { checkScreenInBothThemes, expectAccessible, openTab, waitForScreen } from "./support/tab-page.js";

let target: AppTarget;
let browser: Browser;
let employee: TargetPerson;
let asEmployee: ApiCaller;
let cohortId: string;
const COHORT = "Digital habits — employee journey";

interface StoredEnrolment {
  cohortId: string;
  role: string;
  skills: string[];
  tags: string[];
  languages: string[];
  consent: { textVersion: string };
}

beforeAll(async () => {
  [target, browser] = await Promise.all([startAppTarget({ users: 200 }), launchBrowser()]);
  const admin = await apiAs(target, await target.person("admin"));
  // Anyone may mentor; only a department that does not exist may be mentored, so the screen has a reason to explain.
  cohortId = await openCohort(admin, COHORT, { eligibility: { mentor: {}, mentee: { departments: ["Department of Nowhere"] } } });
  employee = await target.person("employee");
  asEmployee = await apiAs(target, employee);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await target?.stop();
});

async function myEnrolments(): Promise<StoredEnrolment[]> {
  return (await asEmployee.call<{ enrolments: StoredEnrolment[] }>("GET", "/api/me/enrolments")).enrolments;
}

/** The Fluent <Field> that holds a labelled control: its validation message sits inside it. */
function fieldOf(form: Locator, label: string): Locator {
  // `has` is matched inside each field, so the inner locator starts from the page, not from the form.
  return form.locator(".fui-Field").filter({ has: form.page().getByLabel(label, { exact: true }) });
}

async function signInAsFirstEmployee(page: Page): Promise<string> {
  await waitForScreen(page, "dev-sign-in");
  await page.getByRole("tab", { name: "Employees" }).click();
  const card = page.locator("[data-person]").first();
  await card.waitFor();
  const name = (await card.locator(".fui-Persona__primaryText").innerText()).trim();
  await card.getByRole("button", { name: `Sign in as ${name}` }).click();
  return name;
}

describe("employee journey in Chromium", () => {
  it("an eligible employee enrols through the form, sees field errors for bad input, changes the enrolment and leaves it", async () => {
    const tab = await openTab(browser, `${target.baseUrl}/#/programme`);
    try {
      const { page } = tab;
      const name = await signInAsFirstEmployee(page);
      expect(name).toBe(employee.displayName);
      await waitForScreen(page, "programme");

      // Eligibility explained: a mentor may join; the mentee rule names why not.
      const card = page.locator(`[data-cohort="${cohortId}"]`);
      expect(await card.innerText()).toContain("You can join as a mentor");
      expect(await card.getByRole("list", { name: `Why you cannot join ${COHORT} in every role` }).innerText()).toMatch(/^As a mentee: /);
      expect(await page.getByRole("region", { name: "My enrolments" }).innerText()).toContain("You are not enrolled in any cohort");

      await card.getByRole("button", { name: `Enrol in ${COHORT} as a mentor` }).click();
      const form = page.getByRole("form", { name: `Enrol in ${COHORT}` });
      await form.waitFor();
      // Pre-filled from the directory, not typed.
      expect(await form.locator('[data-profile="Name"]').innerText()).toBe(employee.displayName);
      expect(await form.locator('[data-profile="Job title"]').innerText()).toBe(employee.jobTitle ?? "Not set in the directory");

      await form.getByRole("checkbox", { name: "Power BI" }).check();
      await form.getByRole("checkbox", { name: "Generative AI tools (Copilot, ChatGPT)" }).check();
      const tooLong = "An unusually long topic name that is over forty characters";
      await form.getByLabel("Other skills or topics").fill(`Data storytelling, ${tooLong}`);
      await form.getByLabel("Languages you can hold a session in").fill("English, Spanish");
      // Search visibility: findable with skills by default; the mentor adds the job title.
      const sharing = form.getByRole("group", { name: "In Teams and Outlook search" });
      expect(await sharing.getByRole("checkbox", { name: /Colleagues can find me/ }).isChecked()).toBe(true);
      expect(await sharing.getByRole("checkbox", { name: "Skills I teach" }).isChecked()).toBe(true);
      expect(await sharing.getByRole("checkbox", { name: "Department" }).isChecked()).toBe(false);
      await sharing.getByRole("checkbox", { name: "Job title" }).check();

      // No consent: the form says so next to the consent box and sends nothing.
      let enrolRequests = 0;
      page.on("request", (r) => {
        if (r.method() === "POST" && new URL(r.url()).pathname === `/api/cohorts/${cohortId}/enrolments`) enrolRequests++;
      });
      await form.getByRole("button", { name: "Enrol as a mentor" }).click();
      await form.getByText("Tick the box to give your consent; you cannot enrol without it.").waitFor();
      expect(enrolRequests).toBe(0);

      // The server refuses the over-long tag (400 naming tags[1]): its message appears at the tags field.
      await form.getByRole("checkbox", { name: "I have read this and I agree" }).check();
      await form.getByRole("button", { name: "Enrol as a mentor" }).click();
      // The field's own validation message (the hint beside it also mentions 40 characters).
      const tagsMessage = fieldOf(form, "Other skills or topics").locator(".fui-Field__validationMessage");
      await tagsMessage.waitFor();
      // It names the refused tag, not the server's index for it.
      expect(await tagsMessage.innerText()).toMatch(new RegExp(`^“${tooLong}”: .*40`));
      expect(await form.getByLabel("Other skills or topics").getAttribute("aria-invalid")).toBe("true");
      expect(enrolRequests).toBe(1);
      expect(await myEnrolments()).toEqual([]);
      await checkScreenInBothThemes(page, "programme-enrolment-form-errors");

      await form.getByLabel("Other skills or topics").fill("Data storytelling");
      await form.getByRole("button", { name: "Enrol as a mentor" }).click();
      const enrolment = page.locator(`[data-enrolment="${cohortId}"]`);
      await enrolment.waitFor();
      expect(await form.count()).toBe(0);
      const shown = await enrolment.innerText();
      for (const text of ["Mentor", "Power BI", "Generative AI tools (Copilot, ChatGPT)", "Data storytelling", "English, Spanish", "your card shows: Your name, Skills I teach, Job title", "enrolment-consent-v2"]) {
        expect(shown).toContain(text);
      }
      await expect.poll(() => card.innerText()).toContain("Enrolled as a mentor");
      // The form is gone: the confirmation takes the focus, so a screen reader user hears what happened.
      const confirmation = card.locator('[data-state="enrolled"]');
      expect(await confirmation.innerText()).toContain(`You are enrolled in ${COHORT} as a mentor`);
      expect(await confirmation.evaluate((el) => el === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement)).toBe(true);
      const [stored] = await myEnrolments();
      expect(stored).toMatchObject({
        cohortId,
        role: "mentor",
        tags: ["Data storytelling"],
        languages: ["English", "Spanish"],
        sharing: { discoverable: true, fields: ["skills", "jobTitle"] },
        consent: { textVersion: "enrolment-consent-v2" },
      });
      expect([...stored!.skills].sort()).toEqual(["genai-tools", "power-bi"]);
      await checkScreenInBothThemes(page, "programme-enrolled");

      // Change it while enrolment is open: the form starts from what was saved.
      await enrolment.getByRole("button", { name: `Change enrolment in ${COHORT}` }).click();
      const edit = page.getByRole("form", { name: `Change your enrolment in ${COHORT}` });
      expect(await edit.getByRole("checkbox", { name: "Power BI" }).isChecked()).toBe(true);
      expect(await edit.getByLabel("Languages you can hold a session in").inputValue()).toBe("English, Spanish");
      await edit.getByRole("checkbox", { name: "Power BI" }).uncheck();
      await edit.getByLabel("Languages you can hold a session in").fill("English, Spanish, Portuguese");
      await edit.getByRole("button", { name: "Save changes" }).click();
      await expect.poll(() => enrolment.innerText()).toContain("English, Spanish, Portuguese");
      expect(await enrolment.innerText()).not.toContain("Power BI");
      expect((await myEnrolments())[0]).toMatchObject({ skills: ["genai-tools"], languages: ["English", "Spanish", "Portuguese"] });

      // Leaving search is one click, and says so.
      await enrolment.getByRole("button", { name: `Stop showing me in search for ${COHORT}` }).click();
      await expect.poll(() => enrolment.innerText()).toContain("Colleagues cannot find you");
      expect((await myEnrolments())[0]).toMatchObject({ sharing: { discoverable: false, fields: [] } });

      // Leave: the confirmation says exactly what is erased; confirming erases it.
      await enrolment.getByRole("button", { name: `Leave ${COHORT}` }).click();
      const dialog = page.getByRole("dialog", { name: `Leave ${COHORT}?` });
      await dialog.waitFor();
      const warning = await dialog.innerText();
      for (const erased of ["erases your enrolment", "directory profile", "skills", "languages and preferences", "consent record"]) expect(warning).toContain(erased);
      await expectAccessible(page, "leave dialog");
      await saveScreenshot(page, "programme-leave-dialog-light");
      await dialog.getByRole("button", { name: "Leave and erase my enrolment" }).click();
      await dialog.waitFor({ state: "detached" });
      await page.getByRole("region", { name: "My enrolments" }).getByText("You are not enrolled in any cohort").waitFor();
      await card.getByRole("button", { name: `Enrol in ${COHORT} as a mentor` }).waitFor();
      expect(await myEnrolments()).toEqual([]);
      expect(await confirmation.count()).toBe(0);

      expect(tab.errors, "errors in the page").toEqual([]);
      expect(tab.blocked, "requests that tried to leave the machine").toEqual([]);
    } finally {
      await tab.close();
    }
  }, 180_000);

  it("after a held session the mentor gives feedback (1–5 and a comment); a missing rating is flagged first", async () => {
    // A held session needs a meeting in the past, which the scheduler never books: the sessions list is
    // served at the HTTP boundary here, in the API's shape, and the feedback POST is checked as sent.
    await withSignedInPage(browser, target, employee, async (page) => {
      const counterpart = { id: "c0ffee00-0000-4000-8000-000000000001", displayName: "Dana Whitfield", jobTitle: "Chief Operating Officer", department: "Operations" };
      const held = {
        id: "pair-1_s0",
        pairId: "pair-1",
        cohortId,
        cohortName: COHORT,
        sequence: 1,
        of: 6,
        start: "2030-01-03T16:00:00.000Z",
        end: "2030-01-03T16:30:00.000Z",
        state: "held",
        joinUrl: "https://teams.microsoft.com/l/meetup-join/held",
        counterpart,
        myRole: "mentor",
        problem: null,
        canReschedule: false,
        canSkip: false,
        canGiveFeedback: true,
        myFeedback: null,
      };
      await page.route("**/api/me/sessions?*", (r) => r.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify({ items: [held], continuationToken: null }) }));
      const sent: unknown[] = [];
      await page.route("**/api/me/sessions/pair-1_s0/feedback", (r) => {
        sent.push(r.request().postDataJSON());
        return r.fulfill({ status: 201, contentType: "application/json", body: JSON.stringify({ rating: 4, comment: "Copilot in Excel was new to me", createdAt: "2030-01-03T17:00:00Z" }) });
      });
      await page.goto(`${target.baseUrl}/#/programme`);
      await waitForScreen(page, "programme");
      const card = page.locator('[data-session="pair-1_s0"]');
      expect(await card.innerText()).toContain("Held");
      // A held meeting has no join link and cannot be moved or skipped.
      expect(await card.getByRole("link").count()).toBe(0);
      expect(await card.getByRole("button", { name: /Reschedule|Skip/ }).count()).toBe(0);

      await card.getByRole("button", { name: "Give feedback on session 1" }).click();
      const form = page.getByRole("form", { name: "Feedback on session 1" });
      await form.getByLabel("Comment (optional)").fill("Copilot in Excel was new to me");
      await form.getByRole("button", { name: "Send feedback" }).click();
      await form.getByText("Choose how useful the session was, from 1 to 5.").waitFor();
      expect(sent).toEqual([]);
      await checkScreenInBothThemes(page, "programme-feedback-form");

      await form.getByRole("radio", { name: "4 – Very useful" }).check();
      await form.getByRole("button", { name: "Send feedback" }).click();
      await form.waitFor({ state: "detached" });
      expect(sent).toEqual([{ rating: 4, comment: "Copilot in Excel was new to me" }]);
      expect(await card.innerText()).toContain("Your feedback: 4 – Very useful — “Copilot in Excel was new to me”");
      expect(await card.getByRole("button").count()).toBe(0);
    });
  }, 90_000);

  it("the enrolment form works with the keyboard alone, and every stop on the way has a name", async () => {
    await withSignedInPage(browser, target, employee, async (page) => {
      await page.goto(`${target.baseUrl}/#/programme`);
      await waitForScreen(page, "programme");
      const toEnrol = await tabUntil(page, (f) => f.name === `Enrol in ${COHORT} as a mentor`);
      await page.keyboard.press("Enter");
      const form = page.getByRole("form", { name: `Enrol in ${COHORT}` });
      await form.waitFor();
      // Through the whole form to its Cancel button: the role, every catalog skill, tags, languages,
      // preferences, the consent box and the buttons, each announced with its label.
      const inForm = await tabUntil(page, (f) => f.tag === "button" && f.name === "Cancel", 80);
      const stops = [...toEnrol, ...inForm];
      expect(stops.filter((f) => f.name === ""), JSON.stringify(stops)).toEqual([]);
      const names = inForm.map((f) => f.name);
      for (const control of ["Power BI", "Other skills or topics", "Languages you can hold a session in", "I have read this and I agree", "Enrol as a mentor"]) {
        expect(names).toContain(control);
      }
      // Escape hatch: Cancel with the keyboard closes the form again.
      await page.keyboard.press("Enter");
      await form.waitFor({ state: "detached" });
    });
  }, 60_000);
});
