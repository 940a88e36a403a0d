package io.tablesync.plugin.tablestore.stream;

/** A shard and its parents (a split child has one parent; a merge child has a parent and a parent sibling). */
public record ShardInfo(String id, String parentId, String parentSiblingId) {
}
