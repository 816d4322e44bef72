// Employee API: open cohorts with eligibility explained, enrolling, my enrolments, changing and
// withdrawing (which erases), and the curated skills catalog. Thin: decisions are in src/app/enrolment.
import { z } from "zod";
import { enrol, listMyEnrolments, updateEnrolment, withdraw } from "../../app/enrolment/enrol.js";
import { DEFAULT_SHARING, SHAREABLE_FIELDS, sharingOf, type StoredEnrolment } from "../../app/enrolment/enrolment-ports.js";
import type { LeavingDeps } from "../../app/enrolment/leave-cohort.js";
import { UnavailableError } from "../../app/errors.js";
import { listOpenCohorts, type EnrolmentDeps, type OpenCohortView } from "../../app/enrolment/list-open-cohorts.js";
import { SKILL_CATALOG } from "../../app/enrolment/skill-catalog.js";
import type { ApiDeps } from "../api-deps.js";
import { defineRoute, type AnyRoute } from "../route.js";
import { programmeStores } from "./cohorts.js";

const roleSchema = z.enum(["mentor", "mentee"]);
const roleEligibilitySchema = z.object({ eligible: z.boolean(), reasons: z.array(z.string()) });

const openCohortSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    enrolmentOpensAt: z.string(),
    enrolmentClosesAt: z.string(),
    enrolmentOpensOn: z.string().describe("UTC date (YYYY-MM-DD)."),
    enrolmentClosesOn: z.string(),
    cadence: z.object({ everyWeeks: z.number(), sessionMinutes: z.number(), sessions: z.number() }),
    eligibleAs: z.array(roleSchema).describe("The roles I may enrol in; empty when none."),
    ineligibleReasons: z.array(z.string()).describe("Why not, per role I may not take, in words."),
    eligibility: z.object({ mentor: roleEligibilitySchema, mentee: roleEligibilitySchema }),
    enrolledAs: roleSchema.nullable().describe("My role when I am already enrolled."),
  })
  .meta({ id: "OpenCohort" });

const skillsField = z.array(z.string().max(64)).max(20).describe("Catalog skill ids (GET /api/catalog/skills): taught by a mentor, wanted by a mentee.");
const tagsField = z.array(z.string().trim().min(1).max(40)).max(10).describe("Free tags beside the catalog (at most 10, 40 characters each).");
const languagesField = z.array(z.string().trim().min(1).max(35)).max(10);
const preferencesSchema = z.strictObject({
  note: z.string().max(500).nullable().default(null),
  preferOtherDepartment: z.boolean().default(false),
  inPerson: z.boolean().default(false),
});

const sharingSchema = z
  .strictObject({
    discoverable: z.boolean().describe("Whether colleagues can find me in Teams and Outlook search (mentors only are searched)."),
    fields: z.array(z.enum(SHAREABLE_FIELDS)).max(SHAREABLE_FIELDS.length).describe("What my card shows besides my name."),
  })
  .meta({ id: "SearchSharing" });

const enrolBodySchema = z
  .strictObject({
    role: roleSchema,
    skills: skillsField.default([]),
    tags: tagsField.default([]),
    languages: languagesField.default([]),
    preferences: preferencesSchema.default({ note: null, preferOtherDepartment: false, inPerson: false }),
    sharing: sharingSchema.default({ ...DEFAULT_SHARING, fields: [...DEFAULT_SHARING.fields] }).describe("Default: findable, showing name and skills."),
    consent: z.strictObject({
      accepted: z.literal(true, "consent must be given (accepted: true) to enrol"),
      textVersion: z.string().trim().min(1).max(40).describe("Version of the consent text the person accepted."),
    }),
  })
  .meta({ id: "EnrolmentInput" });

const updateBodySchema = z
  .strictObject({ skills: skillsField, tags: tagsField, languages: languagesField, preferences: preferencesSchema, sharing: sharingSchema })
  .partial()
  .refine((b) => Object.keys(b).length > 0, "give at least one of skills, tags, languages, preferences, sharing")
  .meta({ id: "EnrolmentChanges" });

const enrolmentSchema = z
  .object({
    cohortId: z.string(),
    role: roleSchema,
    profile: z.object({
      displayName: z.string(),
      jobTitle: z.string().nullable(),
      department: z.string().nullable(),
      officeLocation: z.string().nullable(),
      timeZone: z.string().nullable(),
      managerId: z.string().nullable(),
    }),
    skills: z.array(z.string()),
    tags: z.array(z.string()),
    languages: z.array(z.string()),
    preferences: z.object({ note: z.string().nullable(), preferOtherDepartment: z.boolean(), inPerson: z.boolean() }),
    sharing: sharingSchema,
    consent: z.object({ accepted: z.literal(true), textVersion: z.string(), acceptedAt: z.string() }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: "Enrolment" });

const cohortIdParams = z.object({ cohortId: z.string().uuid("must be a cohort id") });

function enrolmentDeps(deps: ApiDeps): EnrolmentDeps {
  return { ...programmeStores(deps), clock: deps.clock };
}

/**
 * What leaving touches besides the enrolment. Without matching there are no pairs to leave; with matching
 * but without scheduling or feedback the erasure could not be complete, so the withdraw is refused (503)
 * rather than half done.
 */
function leavingDeps(deps: ApiDeps): LeavingDeps | null {
  if (!deps.matching) return null;
  if (!deps.scheduling || !deps.feedback) throw new UnavailableError("Withdrawing is unavailable: sessions or feedback storage is not configured.");
  return { pairs: deps.matching.pairs, proposals: deps.matching.proposals, scheduling: deps.scheduling, feedback: deps.feedback };
}

function openView({ cohort, eligibility, enrolledAs }: OpenCohortView): z.input<typeof openCohortSchema> {
  const { settings } = cohort;
  const ineligibleReasons = (["mentor", "mentee"] as const).flatMap((role) =>
    eligibility[role].eligible ? [] : eligibility[role].reasons.map((r) => `As ${role === "mentor" ? "a mentor" : "a mentee"}: ${r}`),
  );
  return {
    id: cohort.id,
    name: settings.name,
    enrolmentOpensAt: settings.enrolment.opensAt,
    enrolmentClosesAt: settings.enrolment.closesAt,
    enrolmentOpensOn: new Date(settings.enrolment.opensAt).toISOString().slice(0, 10),
    enrolmentClosesOn: new Date(settings.enrolment.closesAt).toISOString().slice(0, 10),
    cadence: { ...settings.cadence },
    eligibleAs: eligibility.eligibleRoles,
    ineligibleReasons,
    eligibility: { mentor: eligibility.mentor, mentee: eligibility.mentee },
    enrolledAs,
  };
}

function enrolmentView(e: StoredEnrolment): z.input<typeof enrolmentSchema> {
  const { cohortId, role, profile, skills, tags, languages, preferences, consent, createdAt, updatedAt } = e;
  return { cohortId, role, profile, skills, tags, languages, preferences, sharing: sharingOf(e), consent, createdAt, updatedAt };
}

export const openCohortsRoute = defineRoute({
  method: "get",
  path: "/api/cohorts/open",
  operationId: "listOpenCohorts",
  summary: "Cohorts taking enrolments now, with the roles I may take and why not otherwise.",
  tags: ["enrolment"],
  access: "user",
  response: { status: 200, description: "Open cohorts", schema: z.object({ cohorts: z.array(openCohortSchema) }) },
  problems: [404, 503],
  handle: async ({ caller }, deps) => ({ cohorts: (await listOpenCohorts(enrolmentDeps(deps), caller)).map(openView) }),
});

export const enrolRoute = defineRoute({
  method: "post",
  path: "/api/cohorts/:cohortId/enrolments",
  operationId: "enrol",
  summary: "Enrols me as mentor or mentee, with my directory profile, skills or topics, languages, preferences and consent.",
  description: "403 when I am not eligible for the role, 409 outside the enrolment window or when already enrolled (the detail says why).",
  tags: ["enrolment"],
  access: "user",
  params: cohortIdParams,
  body: enrolBodySchema,
  response: { status: 201, description: "My enrolment", schema: enrolmentSchema },
  problems: [404, 409],
  handle: async ({ params, body, caller }, deps) => enrolmentView(await enrol(enrolmentDeps(deps), caller, params.cohortId, body)),
});

export const myEnrolmentsRoute = defineRoute({
  method: "get",
  path: "/api/me/enrolments",
  operationId: "listMyEnrolments",
  summary: "My enrolments, newest first.",
  tags: ["enrolment"],
  access: "user",
  response: { status: 200, description: "My enrolments", schema: z.object({ enrolments: z.array(enrolmentSchema) }) },
  handle: async ({ caller }, deps) => ({ enrolments: (await listMyEnrolments(enrolmentDeps(deps), caller)).map(enrolmentView) }),
});

export const updateEnrolmentRoute = defineRoute({
  method: "patch",
  path: "/api/me/enrolments/:cohortId",
  operationId: "updateMyEnrolment",
  summary: "Changes my skills or topics, tags, languages or preferences while the cohort takes enrolments, and what I share in search at any time.",
  tags: ["enrolment"],
  access: "user",
  params: cohortIdParams,
  body: updateBodySchema,
  response: { status: 200, description: "My updated enrolment", schema: enrolmentSchema },
  problems: [404, 409],
  handle: async ({ params, body, caller }, deps) => enrolmentView(await updateEnrolment(enrolmentDeps(deps), caller, params.cohortId, body)),
});

export const withdrawRoute = defineRoute({
  method: "delete",
  path: "/api/me/enrolments/:cohortId",
  operationId: "withdrawMyEnrolment",
  summary: "Withdraws me from the cohort and erases my personal data in it.",
  description:
    "Deletes the enrolment; takes me out of the proposal (my partner shows as unmatched); ends my published pairs and cancels their future sessions in Outlook; replaces my name and directory details in my pairs with \"Former participant\" (object id kept), clears the notes I typed in session histories and deletes my feedback in the cohort; I no longer see those pairs and sessions. Safe to retry; 404 once nothing is left.",
  tags: ["enrolment"],
  access: "user",
  params: cohortIdParams,
  response: { status: 204, description: "Withdrawn and erased", schema: undefined },
  problems: [404, 503],
  handle: async ({ params, caller }, deps) => withdraw(enrolmentDeps(deps), caller, params.cohortId, leavingDeps(deps)),
});

export const skillCatalogRoute = defineRoute({
  method: "get",
  path: "/api/catalog/skills",
  operationId: "listCatalogSkills",
  summary: "The curated skills mentors teach and topics mentees want to learn.",
  tags: ["enrolment"],
  access: "user",
  response: {
    status: 200,
    description: "The catalog",
    schema: z.object({ skills: z.array(z.object({ id: z.string(), label: z.string(), category: z.string() })) }).meta({ id: "SkillCatalog" }),
  },
  handle: async () => ({ skills: SKILL_CATALOG.map((s) => ({ ...s })) }),
});

export const enrolmentRoutes: AnyRoute[] = [openCohortsRoute, enrolRoute, myEnrolmentsRoute, updateEnrolmentRoute, withdrawRoute, skillCatalogRoute];
