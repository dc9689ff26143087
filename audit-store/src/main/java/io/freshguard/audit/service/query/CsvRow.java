package io.freshguard.audit.service.query;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A row of an audit listing as CSV cells. A view is a record, and its CSV layout is its components: the column
 * names and the cells come from the one definition (the views are registered for reflection, so this holds natively).
 */
public interface CsvRow {

    /** The header of a listing of {@code type}. */
    static List<String> columns(Class<? extends CsvRow> type) {
        return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList();
    }

    /** This row's cells, in the order of {@link #columns}. */
    default List<Object> csvValues() {
        RecordComponent[] components = getClass().getRecordComponents();
        List<Object> cells = new ArrayList<>(components.length);
        for (RecordComponent component : components) {
            try {
                cells.add(component.getAccessor().invoke(this));
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read " + component.getName() + " of " + getClass().getSimpleName(), e);
            }
        }
        return cells;
    }
}
