package io.cbec.etl.kind.zone;

import io.cbec.etl.kind.control.MetricQuery;
import io.cbec.etl.kind.control.MetricQueryException;
import io.cbec.etl.kind.control.MetricSource;
import io.cbec.etl.kind.control.MetricValue;
import io.cbec.etl.normalise.BatchParser;
import io.cbec.etl.normalise.DivisionDirectory;
import io.cbec.etl.normalise.Province;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The registry's metrics for control totals: "Active pilot zones", "Approved pilot zones", "Revoked
 * pilot zones", "Zones in batch 7", "Zones in Guangdong", "Pilot zones approved (batch 7)", "Batches".
 * "Zones" and "pilot zones" count active zones; "approved" counts every zone ever approved (revoked ones
 * too); qualifiers narrow to a batch and a province ("nationwide", "China", "全国" narrow nothing).
 */
@Component
class ZoneMetrics implements MetricSource {

    private static final Set<String> ACTIVE = Set.of("active pilot zones", "pilot zones", "zones", "active zones",
            "pilot zones active", "cbec pilot zones", "comprehensive pilot zones", "综试区", "综试区数量",
            "跨境电商综试区", "跨境电商综试区数量", "试点城市");
    private static final Set<String> APPROVED = Set.of("approved pilot zones", "pilot zones approved", "approved zones",
            "zones approved", "获批综试区", "获批综试区数量");
    private static final Set<String> REVOKED = Set.of("revoked pilot zones", "pilot zones revoked", "revoked zones",
            "zones revoked", "撤销综试区");
    private static final Set<String> BATCHES = Set.of("batches", "batch count", "number of batches", "批次", "批次数");
    private static final Set<String> WHOLE_COUNTRY = Set.of("nationwide", "china", "all", "全国", "中国", "national");

    private final DivisionDirectory directory = DivisionDirectory.bundled();

    @Override
    public Optional<MetricValue> evaluate(MetricQuery query, JdbcClient jdbc, long instanceId) {
        boolean active = query.isOneOf(ACTIVE);
        boolean approved = query.isOneOf(APPROVED);
        boolean revoked = query.isOneOf(REVOKED);
        boolean batches = query.isOneOf(BATCHES);
        if (!active && !approved && !revoked && !batches) {
            return Optional.empty();
        }
        List<String> unsupported = query.qualifiersBesides(MetricQuery.BATCH, MetricQuery.PLACE);
        if (!unsupported.isEmpty()) {
            throw new MetricQueryException("'" + query.metric() + "' takes a batch and a province, not "
                    + String.join(", ", unsupported) + ": write e.g. Zones in batch 7, Guangdong");
        }
        Predicate<ZoneRegister.Zone> filter = z -> true;
        StringBuilder scope = new StringBuilder();
        Optional<String> batch = query.qualifier(MetricQuery.BATCH);
        if (batch.isPresent()) {
            int b = BatchParser.parse(batch.get()).value();
            filter = filter.and(z -> z.batch() == b);
            scope.append(" of batch ").append(b);
        }
        Optional<String> place = query.qualifier(MetricQuery.PLACE)
                .filter(p -> !WHOLE_COUNTRY.contains(p.toLowerCase(Locale.ROOT)));
        if (place.isPresent()) {
            Province province = directory.province(place.get()).orElseThrow(() -> new MetricQueryException(
                    "unknown province '" + place.get() + "' in '" + query.text()
                            + "': name a province such as Guangdong or 广东"));
            filter = filter.and(z -> z.provinceCode().equals(province.code()));
            scope.append(" in ").append(province.nameEn());
        }
        List<ZoneRegister.Zone> registry = ZoneRegister.load(jdbc, instanceId);
        if (registry.isEmpty()) {
            // No registry sheet among the inputs is not a count of 0: the control fails saying so.
            throw new MetricQueryException("no data: the inputs hold no pilot-zone registry to count '" + query.text()
                    + "' from: add the registry sheet (the list of zones with their batch), or remove the control");
        }
        List<ZoneRegister.Zone> zones = registry.stream().filter(filter).toList();
        if (batches) {
            return Optional.of(MetricValue.count(zones.stream().mapToInt(ZoneRegister.Zone::batch).distinct().count(),
                    "batches with approved zones" + scope + " in the registry"));
        }
        if (approved) {
            return Optional.of(MetricValue.count(zones.size(), "zones ever approved" + scope
                    + " in the registry (revoked ones included)"));
        }
        if (revoked) {
            return Optional.of(MetricValue.count(zones.stream().filter(ZoneRegister.Zone::revoked).count(),
                    "revoked zones" + scope + " in the registry"));
        }
        return Optional.of(MetricValue.count(zones.stream().filter(ZoneRegister.Zone::active).count(),
                "active zones" + scope + " in the registry"));
    }

    @Override
    public List<String> examples() {
        return List.of("Active pilot zones", "Approved pilot zones", "Revoked pilot zones", "Zones in batch 7",
                "Zones in Guangdong", "Batches");
    }
}
