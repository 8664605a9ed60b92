package io.cbec.etl;

import io.cbec.etl.cli.ConsoleLog;
import io.cbec.etl.cli.ExitCode;
import io.cbec.etl.cli.GracefulStop;
import io.cbec.etl.cli.ReportRun;
import io.cbec.etl.cli.RunLock;
import io.cbec.etl.cli.RunOptions;
import io.cbec.etl.cli.RunSummary;
import io.cbec.etl.cli.StateWriteFailure;
import io.cbec.etl.cli.UsageException;
import io.cbec.etl.cli.YamlSyntaxError;
import io.cbec.etl.source.IoFailures;
import io.cbec.etl.source.PoiLimits;
import io.cbec.etl.job.CbecProperties;
import io.cbec.etl.job.StateFile;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ConfigurableApplicationContext;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

/**
 * Entry point: options, then the state-folder lock, then the Spring context and the job, then the exit
 * code. The lock is taken before Spring starts so that a second run never even opens the database.
 */
@SpringBootApplication
public class CbecEtlApplication {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and answers the process exit code; never calls System.exit (tests call it). */
    public static int run(String... args) {
        RunOptions options;
        try {
            options = RunOptions.parse(args, LocalDate.now());
        } catch (UsageException e) {
            System.err.println("cbec-etl: " + e.getMessage());
            if (e.showUsage()) {
                System.err.println(RunOptions.USAGE);
            }
            return ExitCode.USAGE.code();
        }
        if (options.help()) {
            System.out.println(RunOptions.USAGE);
            return ExitCode.OK.code();
        }
        ConsoleLog.untilSpringStarts();
        // POI's zip-bomb, entry-count and size limits are JVM-global: set them once, before any input is opened.
        PoiLimits.apply();
        try {
            Files.createDirectories(options.stateDir());
        } catch (IOException e) {
            System.err.println("cbec-etl: cannot create the state folder " + options.stateDir() + ": "
                    + IoFailures.describe(e, options.stateDir()) + ". Check the path and its permissions, or pass"
                    + " --state-dir=DIR.");
            return ExitCode.CANT_CREATE.code();
        }
        Optional<RunLock> lock;
        try {
            lock = RunLock.tryAcquire(options.stateDir());
        } catch (IOException e) {
            System.err.println("cbec-etl: cannot lock the state folder " + options.stateDir() + ": "
                    + IoFailures.describe(e, options.stateDir()) + ". Give the account that runs cbec-etl write access"
                    + " to the folder and its run.lock (check their owner and permissions), or pass --state-dir=DIR.");
            return ExitCode.CANT_CREATE.code();
        }
        if (lock.isEmpty()) {
            System.err.println("cbec-etl: another run holds the lock on " + options.stateDir() + " ("
                    + RunLock.holder(options.stateDir()) + "); try again later.");
            return ExitCode.LOCKED.code();
        }
        GracefulStop stop = GracefulStop.install();
        int code = ExitCode.INTERNAL.code();
        boolean summarised = false;
        ExitCode meaning = null; // where the code alone is ambiguous (74 and 75 have several meanings)
        try (RunLock held = lock.get(); ConfigurableApplicationContext context = start(options.stateDir())) {
            stop.attach(context, context.getBean(CbecProperties.class).stopTimeout());
            code = context.getBean(ReportRun.class).run(options).code();
            summarised = true; // ReportRun ends every run it sees through with the summary table
        } catch (StateFile.Unreadable e) {
            System.err.println("cbec-etl: " + e.getMessage());
            meaning = ExitCode.STATE_UNREADABLE;
            code = meaning.code();
        } catch (Exception e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            MarkedYAMLException yaml = findCause(e, MarkedYAMLException.class);
            BindException binding = findCause(e, BindException.class);
            IOException io = IoFailures.find(e);
            if (yaml != null) {
                // config/application.yml is not YAML at all: the file, line and column, not SnakeYAML's trace
                System.err.println("cbec-etl: " + YamlSyntaxError.message(yaml));
                code = ExitCode.USAGE.code();
            } else if (binding != null || root instanceof IllegalArgumentException) {
                // A wrong value in application.yml or config/application.yml (or -D): one line saying which and
                // why is what whoever reads cron mail needs, not Spring's stack of bean names.
                System.err.println("cbec-etl: configuration error" + (binding == null ? "" : " in " + binding.getName())
                        + ": " + root.getMessage() + ". Correct it in config/application.yml.");
                code = ExitCode.USAGE.code();
            } else if (io != null) {
                // the state database or a folder the run needed could not be written before the job started
                System.err.println("cbec-etl: " + StateWriteFailure.message(io, options.stateDir()));
                code = StateWriteFailure.exitCode(io).code();
            } else {
                System.err.println("cbec-etl: internal error: " + e);
                e.printStackTrace();
                code = ExitCode.INTERNAL.code();
            }
        } finally {
            if (!summarised) {
                RunSummary.logBrief("nothing", "ended by the error above", meaning != null ? meaning : ExitCode.of(code),
                        stop.elapsed());
            }
            stop.finished(code); // after the context (H2) is closed and the lock released
        }
        return code;
    }

    private static <T extends Throwable> T findCause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static ConfigurableApplicationContext start(Path stateDir) throws StateFile.Unreadable {
        SpringApplication app = new SpringApplication(CbecEtlApplication.class);
        app.setBannerMode(Banner.Mode.OFF);
        app.setLogStartupInfo(false);
        // SIGTERM is handled by GracefulStop, which needs the context, the database and logging alive until the
        // job has stopped at a chunk boundary: so neither Spring's nor Boot's logging shutdown hook may run first.
        app.setRegisterShutdownHook(false);
        // A config file that fails to load does so before Boot has set up logging from application.yml, whose
        // level for this logger is OFF: without this, logback's defaults would print Spring's report of it, with
        // its trace, before the command line's one line.
        LoggingSystem.get(CbecEtlApplication.class.getClassLoader())
                .setLogLevel(SpringApplication.class.getName(), LogLevel.OFF);
        // The job repository and staging share one H2 file database in the state folder (StateFile says how it
        // is opened and why); its file is compacted now, while the heap is nearly empty.
        StateFile.compact(stateDir);
        String url = StateFile.url(stateDir);
        app.setDefaultProperties(Map.of(
                "spring.datasource.url", url,
                "spring.datasource.username", "sa",
                "spring.datasource.password", "",
                "logging.register-shutdown-hook", "false"));
        return app.run();
    }
}
