package io.tablesync.testkit.elasticsearch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Writes the x-pack file realm's {@code users} and {@code users_roles} files of a node directly, instead
 * of running the distribution's {@code elasticsearch-users} tool (a JVM start per secured node, seconds
 * each on a small machine). The password is stored in the file realm's PBKDF2 form, which Elasticsearch
 * 7, 8 and 9 all read: {@code {PBKDF2}<iterations>$<base64 salt>$<base64 key>} with HMAC-SHA512 and a
 * 256-bit key.
 */
final class FileRealmUsers {
    private static final int ITERATIONS = 10_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private FileRealmUsers() {
    }

    /** Makes {@code user} a superuser with {@code password} in the node's {@code config} directory. */
    static void writeSuperuser(Path config, String user, String password) throws IOException {
        Files.writeString(config.resolve("users"), user + ":" + pbkdf2(password) + "\n");
        Files.writeString(config.resolve("users_roles"), "superuser:" + user + "\n");
    }

    static String pbkdf2(String password) {
        byte[] salt = new byte[32];
        RANDOM.nextBytes(salt);
        try {
            byte[] key = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512")
                    .generateSecret(new PBEKeySpec(password.toCharArray(), salt, ITERATIONS, 256)).getEncoded();
            return "{PBKDF2}" + ITERATIONS + "$" + Base64.getEncoder().encodeToString(salt) + "$" + Base64.getEncoder().encodeToString(key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA512 is part of every JDK", e);
        }
    }
}
