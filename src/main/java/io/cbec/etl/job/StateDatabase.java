package io.cbec.etl.job;

import io.cbec.etl.kind.RecordKind;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.stereotype.Component;

/**
 * Creates the Spring Batch tables and the staging tables in the state database. Boot's own initialiser
 * only runs for in-memory databases; this one is for the file database that must survive between runs,
 * so it creates the batch tables once and the staging tables idempotently, then lets each record kind
 * upgrade what an older version staged.
 */
@Component
public class StateDatabase {

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private boolean ready;

    private final List<RecordKind> kinds;

    StateDatabase(DataSource dataSource, JdbcClient jdbc, List<RecordKind> kinds) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.kinds = kinds;
    }

    public synchronized void ensureSchema() {
        if (ready) {
            return;
        }
        Integer batchTables = jdbc.sql("""
                SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES
                WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_NAME = 'BATCH_JOB_INSTANCE'""")
                .query(Integer.class).single();
        ResourceDatabasePopulator populator = new ResourceDatabasePopulator();
        if (batchTables == 0) {
            populator.addScript(new ClassPathResource("org/springframework/batch/core/schema-h2.sql"));
        }
        populator.addScript(new ClassPathResource("schema.sql"));
        populator.execute(dataSource);
        kinds.forEach(RecordKind::upgradeState);
        ready = true;
    }
}
