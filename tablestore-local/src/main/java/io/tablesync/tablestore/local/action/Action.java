package io.tablesync.tablestore.local.action;

import com.aliyun.ots.thirdparty.com.google.protobuf.InvalidProtocolBufferException;
import com.aliyun.ots.thirdparty.com.google.protobuf.Message;

/** One protocol action: a protobuf request body in, a protobuf response message out (or an OtsException). */
@FunctionalInterface
public interface Action {

    Message handle(byte[] body) throws InvalidProtocolBufferException;
}
