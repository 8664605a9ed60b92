package io.cbec.etl.kind.platform;

import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The countries and platforms reference tables, loaded once: bundled, plus {@code countries.csv} and
 * {@code platforms.csv} from the folder {@code cbec.reference-dir} when it is set; "North America" as
 * {@code cbec.regions.north-america} defines it.
 */
@Component
public class PlatformReference {

    private final CountryDirectory countries;
    private final PlatformDirectory platforms;

    PlatformReference(@Value("${cbec.reference-dir:}") String referenceDir,
                      @Value("${cbec.regions.north-america:northern-america}") String northAmerica) {
        Path dir = referenceDir == null || referenceDir.isBlank() ? null : Path.of(referenceDir);
        if (dir != null && !Files.isDirectory(dir)) {
            // Ignored, every row of a platform meant to come from there would be rejected as unknown: say it now.
            throw new IllegalArgumentException("cbec.reference-dir: " + dir.toAbsolutePath() + " is not a folder"
                    + (Files.exists(dir) ? "" : " (it does not exist)") + ": create it with your platforms.csv or"
                    + " countries.csv, or remove the setting");
        }
        this.countries = CountryDirectory.load(dir, CountryDirectory.NorthAmerica.of(northAmerica));
        this.platforms = PlatformDirectory.load(dir);
    }

    public CountryDirectory countries() {
        return countries;
    }

    public PlatformDirectory platforms() {
        return platforms;
    }
}
