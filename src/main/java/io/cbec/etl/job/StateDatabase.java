package io.cbec.etl.job;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;

/**
 * Creates the Spring Batch tables and the staging tables in the state database. Boot's own initialiser
 * only runs for in-memory databases; this one is for the file database that must survive between runs,
 * so it creates the batch tables once and the staging tables idempotently.
 */
@Component
public class StateDatabase {

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private boolean ready;

    StateDatabase(DataSource dataSource, JdbcClient jdbc) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
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
        ready = true;
    }
}
