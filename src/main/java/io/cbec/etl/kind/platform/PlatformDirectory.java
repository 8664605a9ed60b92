package io.cbec.etl.kind.platform;

import io.cbec.etl.normalise.BoundedMemo;
import io.cbec.etl.normalise.TextNormaliser;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVRecord;

/**
 * Apps and platforms by any of their names: canonical ("Temu"), Chinese (拼多多, 速卖通, 希音), or an
 * app-store title with a subtitle ("Temu: Shop Like a Billionaire", "SHEIN - Online Fashion"), which is
 * tried whole first, then without the subtitle.
 */
public final class PlatformDirectory {

    // Where an app-store title's subtitle starts: "Temu: Shop...", "SHEIN - Online...", "X | Y", "X（Y）".
    private static final Pattern SUBTITLE = Pattern.compile("\\s*(?:[:：|｜(（]|\\s[-–—]\\s|[-–—](?=\\s*\\p{Lu}))");

    private final Map<String, Platform> byKey = new HashMap<>();
    private final BoundedMemo<Optional<Platform>> memo = new BoundedMemo<>(4096, this::find);

    private PlatformDirectory(List<CSVRecord> rows) {
        for (CSVRecord row : rows) {
            Platform p = new Platform(row.get("platform"), row.get("parent_company"));
            byKey.put(key(p.name()), p);
            for (String alias : ReferenceTable.aliases(row)) {
                byKey.put(key(alias), p);
            }
        }
    }

    public static PlatformDirectory load(Path extraDir) {
        return new PlatformDirectory(ReferenceTable.read("platforms.csv", extraDir));
    }

    private static String key(String name) {
        return TextNormaliser.headerKey(name);
    }

    public Optional<Platform> platform(String name) {
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        return memo.get(name);
    }

    private Optional<Platform> find(String name) {
        String cleaned = TextNormaliser.clean(name);
        Platform whole = byKey.get(key(cleaned));
        if (whole != null) {
            return Optional.of(whole);
        }
        var m = SUBTITLE.matcher(cleaned);
        if (m.find() && m.start() > 0) {
            return Optional.ofNullable(byKey.get(key(cleaned.substring(0, m.start()))));
        }
        return Optional.empty();
    }
}
