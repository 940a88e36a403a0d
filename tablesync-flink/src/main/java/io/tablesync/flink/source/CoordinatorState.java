package io.tablesync.flink.source;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * The enumerator's checkpoint: every known split with the state the enumerator holds for it and whether
 * it is finished (a finish counts once it is in a checkpoint: {@link SplitCoordinator}), plus which splits
 * readers have — their states are in the readers' checkpoints, so they are not handed out again on restore.
 */
record CoordinatorState(List<FlinkSplit> splits, Set<String> inReaders) {
    CoordinatorState {
        splits = List.copyOf(splits);
        inReaders = Set.copyOf(inReaders);
    }

    static final class Serializer implements SimpleVersionedSerializer<CoordinatorState> {
        static final Serializer INSTANCE = new Serializer();

        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(CoordinatorState s) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeInt(s.splits().size());
                for (FlinkSplit split : s.splits()) {
                    SplitSerializer.write(out, split);
                }
                out.writeInt(s.inReaders().size());
                for (String id : s.inReaders()) {
                    SplitSerializer.writeString(out, id);
                }
            }
            return bytes.toByteArray();
        }

        @Override
        public CoordinatorState deserialize(int version, byte[] serialized) throws IOException {
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
                int n = in.readInt();
                List<FlinkSplit> splits = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    splits.add(SplitSerializer.read(in));
                }
                int m = in.readInt();
                Set<String> inReaders = new TreeSet<>();
                for (int i = 0; i < m; i++) {
                    inReaders.add(SplitSerializer.readString(in));
                }
                return new CoordinatorState(splits, inReaders);
            }
        }
    }
}
