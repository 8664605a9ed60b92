package io.cbec.etl.bench;

import java.nio.file.Path;

/** Writes the benchmark inputs of the given sizes into a folder: java ... GenerateInputs DIR 200000 1000000. */
public final class GenerateInputs {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        for (int i = 1; i < args.length; i++) {
            int rows = Integer.parseInt(args[i]);
            Path xlsx = BenchInputs.appAnalyticsXlsx(dir, rows);
            System.out.printf("%s: %d bytes, sheet XML %d bytes%n", xlsx, java.nio.file.Files.size(xlsx),
                    BenchInputs.sheetXmlBytes(xlsx));
        }
    }
}
