package io.tablesync.core.element;


public final class BytesColumn extends Column {
    private final byte[] value;

    public BytesColumn(byte[] value) {
        super(Type.BYTES, value == null ? 0 : value.length);
        this.value = value;
    }

    @Override
    public Object getRawData() {
        return value;
    }

    @Override
    public String asString() {
        return value == null ? null : new String(value, ColumnCast.settings().encoding());
    }

    @Override
    public byte[] asBytes() {
        return value;
    }
}
