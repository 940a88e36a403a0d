package io.tablesync.tablestore.local.plainbuffer;

/** The operation byte of a cell (TAG_CELL_TYPE); a cell without one is a PUT. */
public enum CellOp {
    PUT(-1), DELETE_ALL_VERSION(0x01), DELETE_ONE_VERSION(0x03), INCREMENT(0x04);

    public final int code;

    CellOp(int code) {
        this.code = code;
    }

    static CellOp ofCode(int code) {
        for (CellOp op : values()) {
            if (op.code == code) {
                return op;
            }
        }
        throw new PlainBufferException("Unknown cell type: " + code);
    }
}
