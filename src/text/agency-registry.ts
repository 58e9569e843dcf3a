// Text layer (pure): the agency registry as data — agency-registry.json, validated here when first imported.
// It sits at the bottom of the flow because two layers read it: retrieval expands agency abbreviations in a
// query ("BCA" → "BCA Bộ Công an") and tasks matches names in documents (src/tasks/agencies.ts). Adding a
// ministry, an alias or a 2025 successor is an edit of the JSON file, not of code.
//
// Why some entries look the way they do:
// - "Các doanh nghiệp công nghệ số" has no alias "Các doanh nghiệp": "các doanh nghiệp viễn thông di động"
//   is another group, quoted as written by the unit reader.
// - "UBND" / "Ủy ban nhân dân" alone stand for the provinces' committees (national texts); a named one
//   ("Ủy ban nhân dân Thành phố", "UBND xã") is a unit of its own (findAgencyMentions keeps it as written).

import { z } from "zod";
import registryJson from "./agency-registry.json" with { type: "json" };

export const AGENCY_KINDS = ["ministry", "government", "party", "state", "media", "group", "unit", "other"] as const;

export const AgencyRecordSchema = z
  .object({
    /** Stable short id used by the API ("bca", "bkhcn"). */
    id: z.string().regex(/^[a-z0-9-]+$/),
    /** The full official name, as answers write it. */
    name: z.string().min(2),
    kind: z.enum(AGENCY_KINDS),
    short: z.string().optional(),
    /** Abbreviations, diacritic-free forms, source typos, older or shorter names. */
    aliases: z.array(z.string().min(2)).default([]),
    /** Set when the agency was merged in the 2025 reorganisation: the id of the body holding its portfolio now. */
    successor: z.string().optional(),
    /** ISO date the successor took over. */
    since: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  })
  .strict();

export type AgencyRecord = z.infer<typeof AgencyRecordSchema>;

const RegistrySchema = z.array(AgencyRecordSchema).superRefine((list, ctx) => {
  const ids = new Set(list.map((a) => a.id));
  if (ids.size !== list.length) ctx.addIssue({ code: "custom", message: "agency ids must be unique" });
  for (const a of list) if (a.successor && !ids.has(a.successor)) ctx.addIssue({ code: "custom", message: `${a.id}: unknown successor ${a.successor}` });
});

/** Parse a registry (the bundled file, or another one in tests); throws with the zod issues when it is malformed. */
export function parseAgencyRegistry(data: unknown): AgencyRecord[] {
  return RegistrySchema.parse(data);
}

/** The bundled registry, validated once at load: a malformed file stops the start, not a request. */
export const AGENCY_RECORDS: readonly AgencyRecord[] = parseAgencyRegistry(registryJson);
