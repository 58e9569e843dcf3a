// Tasks layer (pure): the task registry's record shapes, with zod schemas for data/ files and the API.

import { z } from "zod";

export const DeadlineSchema = z.object({
  /** "from": a start with no end ("bắt đầu triển khai từ năm 2026") — never due, never overdue. */
  kind: z.enum(["day", "month", "quarter", "year", "range", "from", "recurring", "none"]),
  text: z.string(),
  start: z.string().optional(),
  end: z.string().optional(),
  qualifier: z.enum(["before", "within"]).optional(),
  yearInferred: z.boolean().optional(),
});

export const TaskSchema = z.object({
  id: z.string(),
  documentId: z.string(),
  /** "table" | "fields" | "prose" — which layout it came from. */
  layout: z.enum(["table", "fields", "prose"]),
  text: z.string(),
  /** Enclosing context (group title, intro of a sub-task list) that helps find it. */
  context: z.string(),
  lead: z.array(z.string()),
  leadText: z.string(),
  coordinators: z.array(z.string()),
  coordinatorsText: z.string(),
  result: z.string(),
  deadline: DeadlineSchema,
  section: z.string(),
  lines: z.tuple([z.number(), z.number()]),
  quote: z.string(),
  /** Where the task stands, from a status column ("Đang thực hiện", "Đã hoàn thành", "Quá hạn"). */
  status: z.string().optional(),
  /** The text that gave the task ("Văn bản giao nhiệm vụ" column). */
  assignedBy: z.string().optional(),
});
export type Task = z.infer<typeof TaskSchema>;

export const IndicatorSchema = z.object({
  id: z.string(),
  documentId: z.string(),
  name: z.string(),
  unit: z.string(),
  target: z.string(),
  period: z.string(),
  monitor: z.array(z.string()),
  monitorText: z.string(),
  section: z.string(),
  lines: z.tuple([z.number(), z.number()]),
  quote: z.string(),
});
export type Indicator = z.infer<typeof IndicatorSchema>;
