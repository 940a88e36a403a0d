package io.tablesync.tablestore.local.plainbuffer;

import java.util.List;

/**
 * One PlainBuffer row as it travels on the wire.
 *
 * @param primaryKey primary-key cells in schema order (may be empty)
 * @param cells attribute cells
 * @param deleteMarker whether the row carries TAG_DELETE_ROW_MARKER
 * @param seqInfo stream sequence extension, or null
 */
public record PbRow(List<Cell> primaryKey, List<Cell> cells, boolean deleteMarker, SeqInfo seqInfo) {

    public PbRow(List<Cell> primaryKey, List<Cell> cells) {
        this(primaryKey, cells, false, null);
    }
}
