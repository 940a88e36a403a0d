package io.tablesync.flink.source;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/** Splits in checkpoints and in assignment messages: id, parents, state, finished. */
final class SplitSerializer implements SimpleVersionedSerializer<FlinkSplit> {
    static final SplitSerializer INSTANCE = new SplitSerializer();

    @Override
    public int getVersion() {
        return 1;
    }

    @Override
    public byte[] serialize(FlinkSplit split) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            write(out, split);
        }
        return bytes.toByteArray();
    }

    @Override
    public FlinkSplit deserialize(int version, byte[] serialized) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
            return read(in);
        }
    }

    static void write(DataOutputStream out, FlinkSplit s) throws IOException {
        writeString(out, s.id());
        out.writeInt(s.parentIds().size());
        for (String p : s.parentIds()) {
            writeString(out, p);
        }
        writeString(out, s.state());
        out.writeBoolean(s.finished());
    }

    static FlinkSplit read(DataInputStream in) throws IOException {
        String id = readString(in);
        int n = in.readInt();
        List<String> parents = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            parents.add(readString(in));
        }
        return new FlinkSplit(id, parents, readString(in), in.readBoolean());
    }

    /** Strings of any length (iterators and encoded key ranges can exceed writeUTF's 64 KB). */
    static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    static String readString(DataInputStream in) throws IOException {
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        return new String(b, java.nio.charset.StandardCharsets.UTF_8);
    }
}
