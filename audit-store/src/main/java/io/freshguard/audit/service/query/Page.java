package io.freshguard.audit.service.query;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * One page of an audit listing. {@code next} is the opaque cursor for the following page ({@code after=}), null on
 * the last page. Keyset paging: rows arriving meanwhile never shift what the next page holds.
 */
public record Page<T extends CsvRow>(List<T> items, String next, @JsonIgnore Class<T> type) {

    /** The CSV header: the view's record components, in order. */
    @JsonIgnore
    public List<String> columns() {
        return CsvRow.columns(type);
    }
}
