import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CsvSyntaxError, parseCsv, readCsvTable } from './csv.js';

describe('parseCsv (RFC 4180)', () => {
  it('reads quoted fields with delimiters, doubled quotes and newlines inside', () => {
    const text = 'id,description\r\n1,"Meals, groceries and ""hot"" food"\r\n2,"Line one\r\nline two\nline three"\r\n';
    assert.deepEqual(parseCsv(text), [
      ['id', 'description'],
      ['1', 'Meals, groceries and "hot" food'],
      ['2', 'Line one\r\nline two\nline three'],
    ]);
  });

  it('drops a UTF-8 byte order mark so the first column keeps its name', () => {
    const { header, records } = readCsvTable('\uFEFFid,name\n7,Food bank\n');
    assert.deepEqual(header, ['id', 'name']);
    assert.equal(records[0]?.cells['id'], '7');
  });

  it('accepts CRLF, LF and lone CR line ends, with or without a final line end', () => {
    const expected = [['a', 'b'], ['1', '2'], ['3', '4']];
    assert.deepEqual(parseCsv('a,b\r\n1,2\r\n3,4\r\n'), expected);
    assert.deepEqual(parseCsv('a,b\n1,2\n3,4'), expected);
    assert.deepEqual(parseCsv('a,b\r1,2\r3,4\r'), expected);
  });

  it('keeps empty fields, quoted empty fields and a trailing empty field', () => {
    assert.deepEqual(parseCsv('a,b,c\n,"",\n'), [['a', 'b', 'c'], ['', '', '']]);
  });

  it('skips blank lines and records of empty cells, numbering records as the file has them', () => {
    const { records } = readCsvTable('id,name\n1,A\n\n,\n2,B\n');
    assert.deepEqual(
      records.map((r) => [r.row, r.cells['name']]),
      // A blank line is no record; `,` is one (of empty cells), so B is the third record.
      [[1, 'A'], [3, 'B']],
    );
  });

  it('is lenient with a stray quote inside an unquoted field, as Excel writes them', () => {
    assert.deepEqual(parseCsv('name\n5" screen\n'), [['name'], ['5" screen']]);
  });

  it('fails on an unterminated quoted field, naming the line it opened on', () => {
    assert.throws(
      () => parseCsv('id,name\n1,ok\n2,"never closed\n3,x\n'),
      (error: unknown) => error instanceof CsvSyntaxError && error.line === 3 && /line 3/.test(error.message),
    );
  });

  it('reads a short row as empty cells and returns cells past the header apart', () => {
    const { records } = readCsvTable('id,name,email\n1,A\n2,B,b@example.org,extra\n');
    assert.equal(records[0]?.cells['email'], '');
    assert.deepEqual(records[1]?.extra, ['extra']);
  });

  it('uses another delimiter when told', () => {
    assert.deepEqual(parseCsv('a;b\n"x;y";2\n', ';'), [['a', 'b'], ['x;y', '2']]);
  });
});
