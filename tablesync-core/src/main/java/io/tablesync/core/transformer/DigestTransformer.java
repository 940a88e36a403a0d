package io.tablesync.core.transformer;

import io.tablesync.core.element.Column;
import io.tablesync.core.element.Record;
import io.tablesync.core.element.StringColumn;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code dx_digest(columnIndex, "md5"|"sha1", "toUpperCase"|"toLowerCase")}: the hex digest of the
 * value's UTF-8 bytes (a null value digests ""), in upper or lower case.
 *
 * <p>DataX accepts both parameters in any case but then compares them case-sensitively, so "MD5"
 * computes SHA-1 and "TOUPPERCASE" gives lower case. We compute what the parameters say and warn
 * where DataX's output would differ.
 */
final class DigestTransformer extends ColumnTransformer {
    static final String NAME = "dx_digest";
    private static final Logger LOG = LoggerFactory.getLogger(DigestTransformer.class);

    private final String algorithm;
    private final boolean upper;

    private DigestTransformer(int columnIndex, String algorithm, boolean upper) {
        super(columnIndex);
        this.algorithm = algorithm;
        this.upper = upper;
    }

    static Transformer create(TransformerSpec s) {
        Paras.count(s, 3, "dx_digest paras length must be 3", "2 values: \"md5\" or \"sha1\", \"toUpperCase\" or \"toLowerCase\"");
        String type = s.paras().get(0);
        String charType = s.paras().get(1);
        if (!type.equalsIgnoreCase("md5") && !type.equalsIgnoreCase("sha1")) {
            throw Paras.illegal(s, "dx_digest paras index 1 must be md5 or sha1");
        }
        if (!charType.equalsIgnoreCase("toUpperCase") && !charType.equalsIgnoreCase("toLowerCase")) {
            throw Paras.illegal(s, "dx_digest paras index 2 must be toUpperCase or toLowerCase");
        }
        if (type.equalsIgnoreCase("md5") && !type.equals("md5")) {
            LOG.warn("{}: \"{}\" computes MD5 here; DataX computes SHA-1 for anything but lower-case \"md5\"", s.where(), type);
        }
        if (charType.equalsIgnoreCase("toUpperCase") && !charType.equals("toUpperCase")) {
            LOG.warn("{}: \"{}\" gives upper case here; DataX gives lower case for anything but \"toUpperCase\"", s.where(),
                    charType);
        }
        return new DigestTransformer(s.columnIndex(), type.equalsIgnoreCase("md5") ? "MD5" : "SHA-1",
                charType.equalsIgnoreCase("toUpperCase"));
    }

    @Override
    Record transform(Record record, Column column) {
        String value = column.asString();
        String hex = hex(algorithm, value == null ? "" : value);
        record.setColumn(columnIndex, new StringColumn(upper ? hex.toUpperCase(Locale.ROOT) : hex));
        return record;
    }

    /** For dx_groovy scripts: DataX's md5(String) / sha1(String) helpers. */
    static String hex(String algorithm, String data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(data.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks " + algorithm, e);
        }
    }
}
