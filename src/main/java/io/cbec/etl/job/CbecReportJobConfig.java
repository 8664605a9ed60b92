package io.cbec.etl.job;

import io.cbec.etl.check.ValidateTasklet;
import io.cbec.etl.ingest.IngestItem;
import io.cbec.etl.ingest.IngestProcessor;
import io.cbec.etl.ingest.IngestReader;
import io.cbec.etl.ingest.IngestWriter;
import io.cbec.etl.ingest.InventoryTasklet;
import io.cbec.etl.ingest.StagedRow;
import io.cbec.etl.report.ReportTasklet;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The job's shape, top-down: inventory, ingest, validate, report (docs/design.md).
 *
 * <p>Inventory, ingest and validate are done once per instance; a restart resumes after the last one that
 * completed. Validate reads only what the instance staged (its inputs, date and --allow-rejects are the
 * instance), so its stored checks stay true; redoing it would repeat its sort of every figure, minutes on a
 * large export. The report step always runs again ({@code allowStartIfComplete}): one that ended without
 * publishing (a data error, no space) must decide and write again rather than let a restart look like success.
 */
@Configuration
@EnableConfigurationProperties(CbecProperties.class)
class CbecReportJobConfig {

    static final String JOB_NAME = "cbecReportJob";
    static final int CHUNK_SIZE = 1000;

    @Bean
    Job cbecReportJob(JobRepository jobRepository, Step inventoryStep, Step ingestStep, Step validateStep,
                      Step reportStep, RunContext run) {
        return new JobBuilder(JOB_NAME, jobRepository)
                .listener(new OutcomeListener(run))
                .start(inventoryStep)
                .next(ingestStep)
                .next(validateStep)
                .next(reportStep)
                .build();
    }

    @Bean
    StopRequest stopRequest() {
        return new StopRequest();
    }

    @Bean
    Step inventoryStep(JobRepository jobRepository, PlatformTransactionManager tx, InventoryTasklet tasklet,
                       StopRequest stop) {
        return new StepBuilder("inventory", jobRepository).tasklet(tasklet, tx).listener(stop).build();
    }

    @Bean
    Step ingestStep(JobRepository jobRepository, PlatformTransactionManager tx, IngestReader reader,
                    IngestProcessor processor, IngestWriter writer, StopRequest stop) {
        return new StepBuilder("ingest", jobRepository)
                .<IngestItem, StagedRow>chunk(CHUNK_SIZE)
                .transactionManager(tx)
                .reader(reader)
                .processor(processor)
                .writer(writer)
                .interruptionPolicy(stop)
                .listener(stop)
                .build();
    }

    @Bean
    Step validateStep(JobRepository jobRepository, PlatformTransactionManager tx, ValidateTasklet tasklet,
                      StopRequest stop) {
        return new StepBuilder("validate", jobRepository).tasklet(tasklet, tx).listener(stop).build();
    }

    @Bean
    Step reportStep(JobRepository jobRepository, PlatformTransactionManager tx, ReportTasklet tasklet,
                      StopRequest stop) {
        return new StepBuilder("report", jobRepository).tasklet(tasklet, tx).listener(stop)
                .allowStartIfComplete(true).build();
    }

    /**
     * Records the instance for the steps, and turns a report step that did not publish into a FAILED job
     * with the outcome as exit code, so the instance stays restartable and the CLI can map the code.
     */
    static final class OutcomeListener implements JobExecutionListener {
        private final RunContext run;

        OutcomeListener(RunContext run) {
            this.run = run;
        }

        @Override
        public void beforeJob(JobExecution execution) {
            run.started(execution);
        }

        @Override
        public void afterJob(JobExecution execution) {
            for (StepExecution step : execution.getStepExecutions()) {
                if (!"report".equals(step.getStepName()) || step.getStatus() != BatchStatus.COMPLETED) {
                    continue;
                }
                RunOutcome outcome = RunOutcome.fromExitStatus(step.getExitStatus().getExitCode());
                if (outcome != null && outcome != RunOutcome.PUBLISHED) {
                    execution.setStatus(BatchStatus.FAILED);
                    execution.setExitStatus(new ExitStatus(outcome.name(), step.getExitStatus().getExitDescription()));
                } else if (outcome == RunOutcome.PUBLISHED) {
                    execution.setExitStatus(new ExitStatus(outcome.name()));
                }
            }
        }
    }
}
