package io.tablesync.flink;

import io.tablesync.flink.sink.TablesyncSink;
import io.tablesync.flink.source.TablesyncSource;
import java.util.function.UnaryOperator;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The job graph: source (the reader's splits) → keyed by document id → sink (the writer), both at the
 * given parallelism. The key is computed by the source (it has the record in hand), so records cross
 * the network once, as bytes.
 */
public final class TablesyncPipeline {
    public static final TypeInformation<Tuple2<String, byte[]>> KEYED_RECORD =
            Types.TUPLE(Types.STRING, Types.PRIMITIVE_ARRAY(Types.BYTE));

    private TablesyncPipeline() {
    }

    public static void build(StreamExecutionEnvironment env, JobSpec spec, int parallelism, boolean bounded) {
        build(env, spec, parallelism, bounded, UnaryOperator.identity());
    }

    /** With {@code between} applied between the source and the key-by (tests insert a failing operator there). */
    static void build(StreamExecutionEnvironment env, JobSpec spec, int parallelism, boolean bounded,
                      UnaryOperator<DataStream<Tuple2<String, byte[]>>> between) {
        DataStream<Tuple2<String, byte[]>> records = env
                .fromSource(new TablesyncSource(spec, bounded), WatermarkStrategy.noWatermarks(),
                        "tablesync source: " + spec.readerName, KEYED_RECORD)
                .uid("tablesync-source")
                .setParallelism(parallelism);
        between.apply(records)
                .keyBy(t -> t.f0, Types.STRING)
                .sinkTo(new TablesyncSink(spec))
                .name("tablesync sink: " + spec.writerName)
                .uid("tablesync-sink")
                .setParallelism(parallelism);
    }
}
