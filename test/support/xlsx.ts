/** Reads an xlsx back with exceljs, for the export suites: each sheet's rows as arrays of cell values. */
import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';

export type SheetRows = Array<Array<string | number | null>>;

export async function bytesOf(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(Buffer.from(part as Buffer));
  return Buffer.concat(parts);
}

/** The workbook's sheets by name, each a list of rows (row 1 the headers), empty cells null. */
export async function readXlsx(bytes: Buffer | ArrayBuffer): Promise<Record<string, SheetRows>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as ArrayBuffer);
  const sheets: Record<string, SheetRows> = {};
  workbook.eachSheet((sheet) => {
    const rows: SheetRows = [];
    const width = sheet.columnCount;
    sheet.eachRow({ includeEmpty: false }, (row) => {
      const cells: Array<string | number | null> = [];
      for (let c = 1; c <= width; c++) {
        const value = row.getCell(c).value;
        cells.push(value === undefined || value === null ? null : (value as string | number));
      }
      rows.push(cells);
    });
    sheets[sheet.name] = rows;
  });
  return sheets;
}

/** Rows as objects keyed by the header row. */
export function byHeader(rows: SheetRows): Array<Record<string, string | number | null>> {
  const [headers, ...body] = rows;
  return body.map((cells) => Object.fromEntries(headers!.map((h, i) => [String(h), cells[i] ?? null])));
}
