package io.cbec.etl.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * A configuration file that is not valid YAML (an unclosed bracket, a tab for indentation), said in one line with
 * its file, line and column. SnakeYAML's exception reaches the command line without the file (Spring Boot loads
 * several): the files Spring Boot reads from the working directory, or that {@code spring.config.location} and
 * {@code spring.config.additional-location} name, are parsed again to find the one that fails.
 */
public final class YamlSyntaxError {

    private YamlSyntaxError() {
    }

    /**
     * "configuration error in /srv/cbec-etl/config/application.yml, line 2, column 1: expected ',' or ']', but got
     * &lt;stream end&gt; (while parsing a flow sequence from line 1, column 7). Correct the YAML there."
     */
    public static String message(MarkedYAMLException e) {
        Path file = candidates().stream().filter(YamlSyntaxError::fails).findFirst().orElse(null);
        StringBuilder text = new StringBuilder("configuration error in ")
                .append(file == null ? "a YAML configuration file" : file.toString());
        Mark problem = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        if (problem != null) {
            text.append(", ").append(place(problem));
        }
        text.append(": ").append(e.getProblem() != null ? e.getProblem() : "not valid YAML");
        if (e.getContext() != null) {
            text.append(" (").append(e.getContext());
            if (e.getContextMark() != null && e.getContextMark() != problem) {
                text.append(" from ").append(place(e.getContextMark()));
            }
            text.append(')');
        }
        return text.append(". Correct the YAML there (indentation with spaces, quotes and brackets closed).").toString();
    }

    private static String place(Mark mark) {
        return "line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
    }

    /** Spring Boot's default locations in the working directory, then those the two properties name. */
    private static List<Path> candidates() {
        List<Path> files = new ArrayList<>();
        for (String folder : List.of("", "config")) {
            files.add(Path.of(folder, "application.yml"));
            files.add(Path.of(folder, "application.yaml"));
        }
        if (Files.isDirectory(Path.of("config"))) {
            try (DirectoryStream<Path> subfolders = Files.newDirectoryStream(Path.of("config"), Files::isDirectory)) {
                for (Path sub : subfolders) {
                    files.add(sub.resolve("application.yml"));
                    files.add(sub.resolve("application.yaml"));
                }
            } catch (IOException e) {
                // not listable: Spring Boot could not have read a file there either
            }
        }
        for (String property : List.of("spring.config.location", "spring.config.additional-location")) {
            String value = System.getProperty(property);
            for (String location : value == null ? new String[0] : value.split(",")) {
                String path = location.strip().replaceFirst("^optional:", "").replaceFirst("^file:", "");
                if (!path.isEmpty() && !path.startsWith("classpath:")) {
                    files.add(Path.of(path));
                }
            }
        }
        return files.stream().filter(Files::isRegularFile).map(p -> p.toAbsolutePath().normalize()).distinct().toList();
    }

    private static boolean fails(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false); // as Spring Boot reads it
            new Yaml(new SafeConstructor(options)).loadAll(reader).forEach(document -> { });
            return false;
        } catch (MarkedYAMLException e) {
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
