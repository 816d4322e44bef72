// The curated list of skills mentors can teach and topics mentees want to learn. Curated so that
// matching compares like with like ("genai-tools" on both sides); anything else goes in free tags.

export interface CatalogSkill {
  id: string;
  label: string;
  category: "AI and data" | "Digital workplace" | "Social and media" | "Culture and ways of working" | "Technology";
}

export const SKILL_CATALOG: readonly CatalogSkill[] = Object.freeze([
  { id: "genai-tools", label: "Generative AI tools (Copilot, ChatGPT)", category: "AI and data" },
  { id: "prompt-writing", label: "Writing good prompts", category: "AI and data" },
  { id: "data-literacy", label: "Reading data and dashboards", category: "AI and data" },
  { id: "power-bi", label: "Power BI", category: "AI and data" },
  { id: "automation", label: "Automating work (Power Automate, scripts)", category: "AI and data" },
  { id: "teams-collaboration", label: "Collaborating in Teams", category: "Digital workplace" },
  { id: "async-work", label: "Asynchronous and hybrid work", category: "Digital workplace" },
  { id: "loop-and-notes", label: "Loop, OneNote and shared notes", category: "Digital workplace" },
  { id: "mobile-first", label: "Working mobile-first", category: "Digital workplace" },
  { id: "social-media", label: "Social media and personal brand", category: "Social and media" },
  { id: "linkedin", label: "LinkedIn for leaders", category: "Social and media" },
  { id: "short-video", label: "Short video and new media", category: "Social and media" },
  { id: "gen-z-perspective", label: "How a younger workforce sees work", category: "Culture and ways of working" },
  { id: "diversity-inclusion", label: "Diversity and inclusion", category: "Culture and ways of working" },
  { id: "wellbeing", label: "Wellbeing and boundaries", category: "Culture and ways of working" },
  { id: "feedback-culture", label: "Giving and asking for feedback", category: "Culture and ways of working" },
  { id: "cybersecurity-basics", label: "Cybersecurity habits", category: "Technology" },
  { id: "cloud-basics", label: "Cloud basics", category: "Technology" },
  { id: "low-code", label: "Low-code apps (Power Apps)", category: "Technology" },
  { id: "software-delivery", label: "How modern software is built", category: "Technology" },
]);

const IDS = new Set(SKILL_CATALOG.map((s) => s.id));

export function isCatalogSkill(id: string): boolean {
  return IDS.has(id);
}

const LABELS = new Map(SKILL_CATALOG.map((s) => [s.id, s.label]));

/** The words people read for a catalog id ("Power BI"); anything not in the catalog is returned as it is. */
export function skillLabel(id: string): string {
  return LABELS.get(id) ?? id;
}
