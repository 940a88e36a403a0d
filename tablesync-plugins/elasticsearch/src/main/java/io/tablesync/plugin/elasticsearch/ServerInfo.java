package io.tablesync.plugin.elasticsearch;

/** What the writer needs to know about the server: typed (ES ≤ 6) or typeless requests. */
record ServerInfo(String distribution, String version, int major) {
    boolean isOpenSearch() {
        return "opensearch".equals(distribution);
    }

    /** ES 7+ and every OpenSearch release are typeless. */
    boolean typeless() {
        return isOpenSearch() || major >= 7;
    }

    @Override
    public String toString() {
        return (isOpenSearch() ? "OpenSearch " : "Elasticsearch ") + version;
    }
}
