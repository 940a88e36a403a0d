package io.tablesync.testkit.elasticsearch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Puts OpenSearch's {@code lang-painless} module into an unpacked integ-test-zip that lacks it, so that
 * the node runs painless scripts like every production OpenSearch (where it is a default module).
 *
 * <p>The module is what the official distributions carry in {@code modules/lang-painless/}: the
 * {@code org.opensearch.plugin:lang-painless} jar, the jars its published pom depends on (its SPI, ANTLR,
 * ASM; the build downloads them, see tablesync-testkit/pom.xml), a plugin descriptor and a security
 * policy (OpenSearch 2 runs plugins under the Java security manager; painless generates classes).
 */
final class PainlessInstaller {
    static final String MODULE = "lang-painless";
    private static final String GROUP = "org.opensearch.plugin";
    /** The module's entry point (named in its descriptor) is the plugin class in this package: PainlessPlugin in 2.x. */
    private static final Pattern PLUGIN_CLASS = Pattern.compile("org/opensearch/painless/Painless\\w*Plugin\\.class");

    private PainlessInstaller() {
    }

    /** Installs the module into {@code home/modules/lang-painless}; the directory appears complete or not at all. */
    static void install(EsDistribution dist, Path home) throws IOException {
        Path module = home.resolve("modules").resolve(MODULE);
        Path staging = home.resolve("modules").resolve("." + MODULE + ".partial");
        EsInstaller.deleteTree(staging);
        Files.createDirectories(staging);
        List<Path> jars = jars(dist.version());
        for (Path jar : jars) {
            Files.copy(jar, staging.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
        Files.writeString(staging.resolve("plugin-descriptor.properties"), String.join("\n",
                "# written by the tablesync testkit: the zip lacks this module",
                "description=painless scripting language (installed from Maven Central by the tablesync testkit)",
                "version=" + dist.version(),
                "name=" + MODULE,
                "classname=" + pluginClass(jars.get(0)),
                "java.version=" + dist.minimumJava(),
                "opensearch.version=" + dist.version(),
                "custom.foldername=",
                "extended.plugins=",
                "has.native.controller=false", ""));
        Files.writeString(staging.resolve("plugin-security.policy"), String.join("\n",
                "grant {",
                "  // painless compiles each script into a class of its own class loader",
                "  permission java.lang.RuntimePermission \"createClassLoader\";",
                "  // and looks up the classes scripts may use through the module's loader",
                "  permission java.lang.RuntimePermission \"getClassLoader\";",
                "};", ""));
        EsInstaller.deleteTree(module);
        Files.move(staging, module, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The module jar and the jars of its pom's compile/runtime dependencies, all from the local repository. */
    static List<Path> jars(String version) throws IOException {
        List<Path> out = new ArrayList<>();
        out.add(LocalMavenRepo.artifact(GROUP, MODULE, version, "jar"));
        Path pom = LocalMavenRepo.artifact(GROUP, MODULE, version, "pom");
        NodeList deps;
        try (InputStream in = Files.newInputStream(pom)) {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            deps = f.newDocumentBuilder().parse(in).getElementsByTagName("dependency");
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("cannot read " + pom + ": " + e.getMessage(), e);
        }
        for (int i = 0; i < deps.getLength(); i++) {
            Element d = (Element) deps.item(i);
            if (!(d.getParentNode() instanceof Element parent) || !"dependencies".equals(parent.getTagName())
                    || parent.getParentNode() == null || !"project".equals(parent.getParentNode().getNodeName())) {
                continue; // only the project's own dependencies, not dependencyManagement or exclusions
            }
            String scope = text(d, "scope", "compile");
            if (!scope.equals("compile") && !scope.equals("runtime") || "true".equals(text(d, "optional", "false"))) {
                continue;
            }
            String v = text(d, "version", null);
            if (v == null || v.contains("${")) {
                throw new IOException(pom + " names dependency " + text(d, "artifactId", "?") + " without a literal version (" + v + ")");
            }
            out.add(LocalMavenRepo.artifact(text(d, "groupId", null), text(d, "artifactId", null), v, "jar"));
        }
        return out;
    }

    /** The plugin class of the module jar; exactly one is expected. */
    private static String pluginClass(Path moduleJar) throws IOException {
        try (ZipFile zip = new ZipFile(moduleJar.toFile())) {
            List<String> classes = zip.stream().map(ZipEntry::getName).filter(n -> PLUGIN_CLASS.matcher(n).matches())
                    .map(n -> n.substring(0, n.length() - ".class".length()).replace('/', '.')).toList();
            if (classes.size() != 1) {
                throw new IOException(moduleJar + ": expected one org.opensearch.painless.Painless*Plugin class, found " + classes);
            }
            return classes.get(0);
        }
    }

    private static String text(Element parent, String child, String dflt) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(child)) {
                return e.getTextContent().trim();
            }
        }
        return dflt;
    }
}
