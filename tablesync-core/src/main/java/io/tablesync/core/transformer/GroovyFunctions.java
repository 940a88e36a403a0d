package io.tablesync.core.transformer;

/** Static helpers every dx_groovy script can call unqualified, as DataX's GroovyTransformerStaticUtil offers. */
public final class GroovyFunctions {
    private GroovyFunctions() {
    }

    /** Lower-case hex MD5 of the string's UTF-8 bytes. */
    public static String md5(String data) {
        return DigestTransformer.hex("MD5", data);
    }

    /** Lower-case hex SHA-1 of the string's UTF-8 bytes. */
    public static String sha1(String data) {
        return DigestTransformer.hex("SHA-1", data);
    }
}
