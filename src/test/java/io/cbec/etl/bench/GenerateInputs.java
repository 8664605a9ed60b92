package io.cbec.etl.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes benchmark inputs into a folder without running anything:
 * java ... GenerateInputs DIR app|export|registry|registry-csv ROWS...
 */
public final class GenerateInputs {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        for (int i = 2; i < args.length; i++) {
            int rows = Integer.parseInt(args[i]);
            Path file = switch (args[1]) {
                case "app" -> BenchInputs.appAnalyticsXlsx(dir, rows);
                case "export" -> BenchInputs.appExportXlsx(dir, rows);
                case "registry" -> BenchInputs.registryXlsx(dir, rows);
                default -> BenchInputs.registryCsv(dir, rows);
            };
            System.out.printf("%s: %d bytes%n", file, Files.size(file));
        }
    }
}
