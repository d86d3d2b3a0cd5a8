/**
 * RFC 4180 CSV, as HSDS datapackages are written: quoted fields with doubled quotes, newlines inside
 * quotes, CRLF or LF (or lone CR) line ends, a UTF-8 byte order mark. Lenient where Excel-made files
 * are: a quote inside an unquoted field is kept as text, and so is text after a closing quote.
 */

/** The CSV text is not readable as CSV (only an unterminated quoted field makes it so). */
export class CsvSyntaxError extends Error {
  readonly line: number;
  constructor(message: string, line: number) {
    super(message);
    this.name = 'CsvSyntaxError';
    this.line = line;
  }
}

/** Every record as its cells; blank lines are skipped. */
export function parseCsv(text: string, delimiter = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let inQuotes = false;
  let line = 1;
  let quoteLine = 1;
  let rowHadQuotes = false;
  const endField = () => {
    row.push(field);
    field = '';
  };
  const endRow = () => {
    endField();
    // A line holding nothing (not even a quoted empty field) is no record: trailing newlines, blank lines.
    if (row.length > 1 || row[0] !== '' || rowHadQuotes) rows.push(row);
    row = [];
    rowHadQuotes = false;
  };
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (i < text.length) {
    const c = text[i]!;
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        inQuotes = false;
      } else {
        if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) line++;
        field += c;
      }
      i++;
      continue;
    }
    if (c === '"' && field === '') {
      inQuotes = true;
      rowHadQuotes = true;
      quoteLine = line;
    } else if (c === delimiter) {
      endField();
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRow();
      line++;
    } else {
      field += c;
    }
    i++;
  }
  if (inQuotes) throw new CsvSyntaxError(`A quoted field opened on line ${quoteLine} is never closed`, quoteLine);
  if (field !== '' || row.length > 0 || rowHadQuotes) endRow();
  return rows;
}

export interface CsvTable {
  /** Column names as written, trimmed. */
  header: string[];
  /** Data records (the header excluded), keyed by column name; `row` is 1 for the first record after the header. */
  records: { row: number; cells: Record<string, string>; extra: string[] }[];
}

/** The records of a CSV file with a header line. Cells past the header's width are returned in `extra`. */
export function readCsvTable(text: string, delimiter = ','): CsvTable {
  const [head, ...body] = parseCsv(text, delimiter);
  const header = (head ?? []).map((name) => name.trim());
  const records: CsvTable['records'] = [];
  body.forEach((cells, index) => {
    // A record of empty cells only (`,,,`) holds nothing; it still counts in the numbering.
    if (!cells.some((cell) => cell.trim() !== '')) return;
    const record: Record<string, string> = {};
    header.forEach((name, column) => {
      if (name) record[name] = cells[column] ?? '';
    });
    records.push({ row: index + 1, cells: record, extra: cells.slice(header.length).filter((cell) => cell.trim() !== '') });
  });
  return { header, records };
}
