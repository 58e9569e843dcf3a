// HTTP layer, Node adapter: task rows → an .xlsx workbook (exceljs) — real columns with Vietnamese headers,
// the deadline as an Excel date, a frozen, filterable header row.

import { TASK_COLUMNS, type TaskRow, type XlsxWriter } from "./task-export.ts";

export const writeTasksXlsx: XlsxWriter = async (rows: TaskRow[]) => {
  const { default: ExcelJS } = await import("exceljs");
  const wb = new ExcelJS.Workbook();
  wb.creator = "hoidap-cds";
  const ws = wb.addWorksheet("Nhiệm vụ", { views: [{ state: "frozen", ySplit: 1 }] });
  ws.columns = TASK_COLUMNS.map(([key, header, width]) => ({ key, header, width, ...(key === "deadline" ? { style: { numFmt: "dd/mm/yyyy" } } : {}) }));
  ws.getRow(1).font = { bold: true };
  for (const r of rows) ws.addRow({ ...r, deadline: r.deadline ? new Date(`${r.deadline}T00:00:00Z`) : null });
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: TASK_COLUMNS.length } };
  for (const key of ["task", "lead", "coordinators", "result"]) ws.getColumn(key).alignment = { wrapText: true, vertical: "top" };
  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer);
};
