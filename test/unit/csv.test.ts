import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../../src/reports/csv.js';

describe('CSV', () => {
  it('quotes commas, quotes and line breaks, and ends lines with CRLF', () => {
    expect(toCsv(['a', 'b'], [['x, y', 'say "hi"'], [1, null]])).toBe('a,b\r\n"x, y","say ""hi"""\r\n1,\r\n');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
  });

  it('defuses cells a spreadsheet would run as formulas', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell(-3)).toBe('-3');
  });
});
