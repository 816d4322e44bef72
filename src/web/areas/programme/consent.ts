// The consent an employee gives when enrolling. The version is stored with the enrolment, so a changed
// text gets a new version and the programme team can tell who agreed to which wording.
export const CONSENT_VERSION = "enrolment-consent-v2";

export const CONSENT_TEXT = [
  "The programme team and the matching use your directory profile (name, job title, department, manager, office and time zone), " +
    "what you teach or want to learn, your languages and your preferences to pair you with a colleague across reporting lines.",
  "To book sessions, the app reads the free/busy times of your Outlook calendar and adds the session invitations to it. " +
    "Your feedback after a session is seen by the programme team.",
  "As a mentor you choose whether colleagues can find you in Teams and Outlook search, and which details your card there shows " +
    "besides your name; you can change that at any time.",
  "You can change your enrolment while the cohort takes enrolments. Leaving erases your enrolment and everything above that you gave with it.",
] as const;
