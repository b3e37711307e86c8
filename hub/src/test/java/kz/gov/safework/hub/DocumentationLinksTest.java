package kz.gov.safework.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A user clones only the repository: every relative link in every Markdown file, and every repository path the
 * docs name in backticks, must exist in it.
 */
class DocumentationLinksTest {
    private static final Path ROOT = Path.of(System.getProperty("hub.config-dir", "../config")).toAbsolutePath()
            .normalize().getParent();
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    /**
     * `config/...`, `examples/...`: a path below one of the repository's top-level folders; a placeholder such as
     * {@code <login>.pub} or a glob is checked up to the folder that holds it.
     */
    private static final Pattern NAMED_PATH = Pattern.compile(
            "`((?:config|schemas|routes|connectors|hub|examples|\\.ci)/[A-Za-z0-9_./<>*-]*)`");

    @Test
    void everyRelativeLinkAndNamedPathInTheDocsExists() throws IOException {
        List<String> broken = new ArrayList<>();
        List<Path> docs = markdownFiles();
        assertThat(docs).as("Markdown files under " + ROOT).isNotEmpty();
        for (Path doc : docs) {
            String text = Files.readString(doc);
            Matcher link = LINK.matcher(text);
            while (link.find()) {
                String target = link.group(1).replaceAll("#.*$", "");
                if (target.isEmpty() || target.matches("^[a-z]+:.*")) {
                    continue; // an anchor in the same page, or an absolute URL
                }
                if (!Files.exists(doc.getParent().resolve(target).normalize())) {
                    broken.add(ROOT.relativize(doc) + ": link " + link.group(1));
                }
                if (!doc.getParent().resolve(target).normalize().startsWith(ROOT)) {
                    broken.add(ROOT.relativize(doc) + ": link leaves the repository: " + link.group(1));
                }
            }
            Matcher named = NAMED_PATH.matcher(text);
            while (named.find()) {
                String path = named.group(1).replaceAll("[*<].*$", "");
                if (!path.contains("/target/") && !Files.exists(ROOT.resolve(path))) { // build outputs come later
                    broken.add(ROOT.relativize(doc) + ": names " + named.group(1));
                }
            }
        }
        assertThat(broken).as("broken links and paths in the docs").isEmpty();
    }

    private static List<Path> markdownFiles() throws IOException {
        try (Stream<Path> files = Files.walk(ROOT)) {
            return files.filter(p -> p.toString().endsWith(".md"))
                    .filter(p -> !ROOT.relativize(p).toString().matches("(?:.*/)?(?:target|node_modules|\\.git)/.*"))
                    .sorted().toList();
        }
    }
}
