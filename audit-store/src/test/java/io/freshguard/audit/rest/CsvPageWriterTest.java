package io.freshguard.audit.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CsvPageWriterTest {

    @Test
    void formulaLikeTextIsNeutralisedAsOwaspRecommends() {
        assertEquals("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\"",
                CsvPageWriter.cell("=HYPERLINK(\"http://evil.example\",\"x\")"));
        assertEquals("'+1+2", CsvPageWriter.cell("+1+2"));
        assertEquals("'-2+3", CsvPageWriter.cell("-2+3"));
        assertEquals("'@SUM(A1)", CsvPageWriter.cell("@SUM(A1)"));
        assertEquals("'\tcmd", CsvPageWriter.cell("\tcmd"));
        assertEquals("\"'\rcmd\"", CsvPageWriter.cell("\rcmd"));
    }

    @Test
    void ordinaryTextAndOurNumbersStayAsTheyAre() {
        assertEquals("ci@example.com", CsvPageWriter.cell("ci@example.com"));
        assertEquals("-1500", CsvPageWriter.cell(-1500L));
        assertEquals("\"a,b\"", CsvPageWriter.cell("a,b"));
        assertEquals("", CsvPageWriter.cell(null));
    }
}
