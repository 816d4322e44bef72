// Executives' scheduling preferences in the `programs` container (type "preferences", id
// `preferences_${userId}`, partition /tenantId). One document per person across cohorts.
import type { Container } from "@azure/cosmos";
import type { PreferencesRepository } from "../../app/scheduling/scheduling-ports.js";
import type { StoredExecutivePreferences } from "../../app/scheduling/session-model.js";
import { CosmosRepository } from "./cosmos-repository.js";

type PreferencesDoc = Omit<StoredExecutivePreferences, "type">;

export function preferencesId(userId: string): string {
  return `preferences_${userId.toLowerCase()}`;
}

export class CosmosPreferencesRepository implements PreferencesRepository {
  private readonly repo: CosmosRepository<PreferencesDoc>;

  constructor(programs: Container) {
    this.repo = new CosmosRepository<PreferencesDoc>(programs, { type: "preferences" });
  }

  async get(tenantId: string, userId: string): Promise<StoredExecutivePreferences | null> {
    const found = await this.repo.get(tenantId, preferencesId(userId));
    return found ? withType(found) : null;
  }

  async put(preferences: PreferencesDoc): Promise<StoredExecutivePreferences> {
    // Only the executive edits their own preferences, so last write wins is the intended behaviour.
    return withType(await this.repo.upsert({ ...preferences, id: preferencesId(preferences.userId) }));
  }
}

function withType(doc: PreferencesDoc & { etag?: string }): StoredExecutivePreferences {
  const { etag: _etag, ...rest } = doc;
  return { ...rest, type: "preferences" };
}
