package io.freshguard.audit.rest;

import java.util.List;

/** A row of an audit listing as CSV cells, in the order of its page's columns. No reflection, so native-safe. */
public interface CsvRow {

    List<Object> csvValues();
}
