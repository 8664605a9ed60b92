package io.cbec.etl.kind.platform;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The staged figures of app-analytics exports, as blocks of up to {@link #BLOCK_FIGURES} figures sorted by
 * key, one H2 row a block ({@link FigureBlock}'s form), written in the chunk's transaction.
 * <p>
 * Why not a row per figure: a million exported rows are a million or more figures, and staging each as an
 * H2 row (the insert, the key index, the undo log, the second pass at commit) cost about 20 us a figure,
 * twice what reading and normalising the row costs. A block is one insert per chunk; the checks' pass
 * merges the sorted blocks ({@link FigureSort}) instead of reading an index. Restart is unchanged: a chunk's
 * blocks commit with the reader's position, or not at all.
 */
final class FigureStore {

    /** Bounds a block (about 30 KB) whatever the chunk's width: a sheet with countries as columns gives hundreds of figures a row. */
    static final int BLOCK_FIGURES = 2048;

    /** A block's key: where its chunk's first figure was read, and which piece of the chunk it is. Sorts in ingest order. */
    record BlockKey(int fileNo, int sheetNo, int firstRow, int piece) { }

    private final JdbcTemplate template;

    FigureStore(JdbcTemplate template) {
        this.template = template;
    }

    /** Stages one chunk's figures (in the order read): sorted by key, stably, so equal keys keep that order. */
    void stage(long id, List<Figure> figures) {
        if (figures.isEmpty()) {
            return;
        }
        List<Figure> sorted = new ArrayList<>(figures);
        sorted.sort(Figure.KEY_ORDER);
        Figure first = figures.get(0);
        List<Object[]> rows = new ArrayList<>();
        for (int from = 0, piece = 0; from < sorted.size(); from += BLOCK_FIGURES, piece++) {
            List<Figure> block = sorted.subList(from, Math.min(sorted.size(), from + BLOCK_FIGURES));
            Set<String> precisions = new TreeSet<>();
            block.forEach(f -> precisions.add(f.precision()));
            rows.add(new Object[] {id, first.fileNo(), first.sheetNo(), first.row(), piece, block.size(),
                    String.join(",", precisions), FigureBlock.encode(block)});
        }
        template.batchUpdate("""
                INSERT INTO platform_figure_block (instance_id, file_no, sheet_no, first_row, piece, figures,
                    precisions, data)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", rows);
    }

    /** The blocks' keys in ingest order (a few bytes per thousand figures). */
    List<BlockKey> blocks(long id) {
        return template.query("""
                        SELECT file_no, sheet_no, first_row, piece FROM platform_figure_block WHERE instance_id = ?
                        ORDER BY file_no, sheet_no, first_row, piece""",
                (rs, n) -> new BlockKey(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4)), id);
    }

    byte[] read(long id, BlockKey key) {
        return template.queryForObject("""
                        SELECT data FROM platform_figure_block WHERE instance_id = ? AND file_no = ? AND sheet_no = ?
                        AND first_row = ? AND piece = ?""", byte[].class, id, key.fileNo(), key.sheetNo(),
                key.firstRow(), key.piece());
    }

    /** The granularities of the figures (DAY, MONTH, QUARTER, YEAR). */
    Set<String> precisions(long id) {
        Set<String> all = new TreeSet<>();
        template.queryForList("SELECT DISTINCT precisions FROM platform_figure_block WHERE instance_id = ?",
                String.class, id).forEach(p -> all.addAll(List.of(p.split(","))));
        return all;
    }

    long count(long id) {
        Long n = template.queryForObject(
                "SELECT COALESCE(SUM(figures), 0) FROM platform_figure_block WHERE instance_id = ?", Long.class, id);
        return n == null ? 0 : n;
    }

    /** Every figure, block by block (in no useful order): one block in memory at a time. */
    void forEach(long id, Consumer<Figure> action) {
        Map<String, String> shared = new HashMap<>();
        for (BlockKey key : blocks(id)) {
            FigureBlock.Reader reader = new FigureBlock.Reader(read(id, key), shared);
            for (Figure f = reader.next(); f != null; f = reader.next()) {
                action.accept(f);
            }
        }
    }

    void purge(long id) {
        template.update("DELETE FROM platform_figure_block WHERE instance_id = ?", id);
    }
}
