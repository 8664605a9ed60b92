package io.cbec.etl.ingest;

import io.cbec.etl.kind.RecordKind;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Hands each row to the normaliser of its sheet's kind. */
@Component
public class IngestProcessor implements ItemProcessor<IngestItem, StagedRow> {

    private final Map<String, RecordKind> kinds;

    IngestProcessor(List<RecordKind> kinds) {
        this.kinds = kinds.stream().collect(Collectors.toMap(RecordKind::id, Function.identity()));
    }

    @Override
    public StagedRow process(IngestItem item) {
        if (item.failure() != null) {
            return new StagedRow(item.plan(), 0, null, item.failure());
        }
        RecordKind kind = kinds.get(item.plan().kindId());
        return new StagedRow(item.plan(), item.row().rowNumber(), kind.normalise(item.plan(), item.row()), null);
    }
}
